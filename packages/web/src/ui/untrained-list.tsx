import { createResource, createSignal, Show } from 'solid-js';
import { reports, type Readiness, type Untrained } from '../data/readiness.ts';
import { formatDay, formatNumber, t } from '../i18n/index.ts';
import { Async } from './async.tsx';
import { DataTable } from './data-table.tsx';
import { DownloadLink } from './download-link.tsx';
import { peopleColumns } from './people-columns.tsx';

/**
 * Who in the target's scope has not finished yet, each with their unit, their own due date
 * (later than the deadline for a late joiner), "Quá hạn" once it has passed, and their
 * transcript; the earliest due first. The list walks the subtree, so it is read only when
 * the officer opens it; the full list is a CSV.
 */
export function UntrainedList(props: { r: Readiness }) {
  const [open, setOpen] = createSignal(false);
  const scope = () => (open() ? { unit: props.r.unit.id, target: props.r.target.id } : null);
  const [data] = createResource(scope, (s) => reports.untrained(s));
  const overdue = () => props.r.daysLeft < 0;
  const missing = () => props.r.staff - props.r.trained;
  const columns = peopleColumns<Untrained>(
    [
      { title: () => t('people.col.unit'), cell: (p) => p.unitName },
      { title: () => t('untrained.col.due'), cell: (p) => formatDay(p.dueDate) },
    ],
    (p) =>
      p.overdue ? (
        <>
          {' '}
          <span class="badge warn">{t('untrained.overdue')}</span>
        </>
      ) : null,
  );
  return (
    <section aria-labelledby="untrained-title">
      <h2 id="untrained-title">{overdue() ? t('untrained.titleOverdue') : t('untrained.title')}</h2>
      <p>{t(overdue() ? 'untrained.countOverdue' : 'untrained.count', { n: formatNumber(missing()), days: formatNumber(-props.r.daysLeft) })}</p>
      <p class="no-print">
        <DownloadLink href={reports.untrainedCsvUrl(props.r.unit.id, props.r.target.id)}>{t('untrained.download')}</DownloadLink>
      </p>
      <details class="untrained" onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{t('untrained.show')}</summary>
        <Show when={open()}>
          <Async of={data}>
            {({ people, more }) => (
              <>
                <DataTable rows={people} columns={columns} />
                <Show when={more}>
                  <p>{t('untrained.more', { n: formatNumber(people.length) })}</p>
                </Show>
              </>
            )}
          </Async>
        </Show>
      </details>
    </section>
  );
}
