import { createMemo, createResource, createSignal, Show } from 'solid-js';
import { reports, type Readiness, type Untrained } from '../data/readiness.ts';
import { formatDay, formatNumber, t } from '../i18n/index.ts';
import { Async } from './async.tsx';
import { DataTable, type Column } from './data-table.tsx';
import { DownloadLink } from './download-link.tsx';
import { peopleColumns } from './people-columns.tsx';

type SortBy = 'due' | 'name' | 'unit';
const sorts: SortBy[] = ['due', 'name', 'unit'];

/** Vietnamese lists go by given name (the last word), then the whole name: "Trần Văn An" before "Lê Thị Bình". */
const givenName = (p: Untrained) => p.fullName.trim().split(/\s+/).at(-1) ?? '';
const byName = (a: Untrained, b: Untrained) => givenName(a).localeCompare(givenName(b), 'vi') || a.fullName.localeCompare(b.fullName, 'vi');
const order: Record<SortBy, (a: Untrained, b: Untrained) => number> = {
  due: (a, b) => a.dueDate.localeCompare(b.dueDate) || byName(a, b),
  name: byName,
  unit: (a, b) => a.unitName.localeCompare(b.unitName, 'vi') || a.dueDate.localeCompare(b.dueDate) || byName(a, b),
};

/**
 * Who in the target's scope has not finished yet, each with their unit, their own due date
 * (later than the deadline for a late joiner), "Quá hạn" once it has passed, and their
 * transcript; the earliest due first, or by name or unit. The list walks the subtree, so it
 * is read only when the officer opens it, and a search by name or code is made by the server
 * over the whole subtree, not over the rows already shown; the full list is a CSV.
 */
export function UntrainedList(props: { r: Readiness }) {
  const [open, setOpen] = createSignal(false);
  const [q, setQ] = createSignal('');
  const [sortBy, setSortBy] = createSignal<SortBy>('due');
  const scope = () => (open() ? { unit: props.r.unit.id, target: props.r.target.id, q: q() || undefined } : null);
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
          <span class="badge warn">{p.expiredOn ? t('untrained.expired', { date: formatDay(p.expiredOn) }) : t('untrained.overdue')}</span>
        </>
      ) : null,
  );
  const search = (event: SubmitEvent) => {
    event.preventDefault();
    setQ(String(new FormData(event.currentTarget as HTMLFormElement).get('q') ?? '').trim());
  };
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
          <div class="filters no-print">
            <form role="search" class="filters" onSubmit={search}>
              <div class="field">
                <label for="untrained-q">{t('untrained.search')}</label>
                <input id="untrained-q" name="q" type="search" maxLength={100} value={q()} />
              </div>
              <button type="submit">{t('untrained.searchButton')}</button>
              <Show when={q()}>
                <button type="button" class="link" onClick={() => setQ('')}>
                  {t('untrained.clear')}
                </button>
              </Show>
            </form>
            <div class="field">
              <label for="untrained-sort">{t('untrained.sort')}</label>
              <select id="untrained-sort" value={sortBy()} onChange={(e) => setSortBy(e.currentTarget.value as SortBy)}>
                {sorts.map((s) => (
                  <option value={s}>{t(`untrained.sort.${s}`)}</option>
                ))}
              </select>
            </div>
          </div>
          <Async of={data}>{(found) => <Found found={found} q={q()} sortBy={sortBy()} columns={columns} />}</Async>
        </Show>
      </details>
    </section>
  );
}

function Found(props: { found: { people: Untrained[]; more: boolean }; q: string; sortBy: SortBy; columns: Column<Untrained>[] }) {
  const rows = createMemo(() => [...props.found.people].sort(order[props.sortBy]));
  return (
    <>
      <Show when={props.q}>
        <p role="status">
          {rows().length > 0 ? t('untrained.found', { n: formatNumber(rows().length), q: props.q }) : t('untrained.noneFound', { q: props.q })}
        </p>
      </Show>
      <Show when={rows().length > 0}>
        <DataTable rows={rows()} columns={props.columns} />
      </Show>
      <Show when={props.found.more}>
        <p>{t('untrained.more', { n: formatNumber(rows().length) })}</p>
      </Show>
    </>
  );
}
