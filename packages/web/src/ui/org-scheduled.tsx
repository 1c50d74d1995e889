import { Show } from 'solid-js';
import { org, type OrgView, type PendingChange } from '../data/org.ts';
import { formatDateTime, formatDay, t } from '../i18n/index.ts';
import { to } from '../i18n/org.ts';
import { ConfirmAction } from './confirm-action.tsx';
import { DataTable } from './data-table.tsx';

const what = (c: PendingChange) => to('scheduled.what', { sources: c.summary.sources.join(', '), into: c.summary.into });
const status = (c: PendingChange) =>
  c.status === 'failed' ? to('scheduled.failed', { reason: c.failure ?? '' }) : to(c.status === 'applying' ? 'scheduled.applying' : 'scheduled.pending');

/** Reorganisations recorded ahead of their day, which the daily job carries out then; an admin may cancel one before. */
export function ScheduledChanges(props: { view: OrgView; admin: boolean; onChanged: () => void }) {
  return (
    <Show when={props.view.pending.length > 0}>
      <section aria-labelledby="org-scheduled">
        <h2 id="org-scheduled">{to('scheduled')}</h2>
        <DataTable
          rows={props.view.pending}
          columns={[
            { title: () => to('history.effective'), cell: (c) => formatDay(c.effective) },
            { title: () => to('history.action'), cell: (c) => <span lang="vi">{what(c)}</span>, rowHeader: true },
            { title: () => to('scheduled.status'), cell: status },
            {
              title: () => to('history.by'),
              cell: (c) => (
                <>
                  {c.by}
                  <br />
                  <span class="muted">{formatDateTime(c.at)}</span>
                </>
              ),
            },
            ...(props.admin
              ? [
                  {
                    title: () => to('scheduled.cancel'),
                    cell: (c: PendingChange) => (
                      <ConfirmAction
                        label={to('scheduled.cancel')}
                        name={to('scheduled.cancelName', { date: formatDay(c.effective), what: what(c) })}
                        question={to('scheduled.cancelQuestion', { what: what(c), date: formatDay(c.effective) })}
                        yes={to('scheduled.cancelYes')}
                        no={t('confirm.no')}
                        disabled={c.status === 'applying'}
                        run={async () => {
                          await org.cancelScheduled(c.id);
                          props.onChanged();
                        }}
                      />
                    ),
                  },
                ]
              : []),
          ]}
        />
      </section>
    </Show>
  );
}
