import { createResource, createSignal, Show } from 'solid-js';
import { api, type AuditEntry, type AuditQuery } from '../data/api.ts';
import { formatDateTime, t, today } from '../i18n/index.ts';
import { Async } from '../ui/async.tsx';
import { DataTable, type Column } from '../ui/data-table.tsx';
import { DateInput } from '../ui/date-input.tsx';

const columns: Column<AuditEntry>[] = [
  { title: () => t('audit.col.at'), cell: (e) => formatDateTime(e.at) },
  { title: () => t('audit.col.actor'), cell: (e) => e.actor },
  { title: () => t('audit.col.action'), cell: (e) => <code>{e.action}</code> },
  { title: () => t('audit.col.unit'), cell: (e) => e.unitId ?? '' },
];

/** Admins read and export the audit log of their scope, by period, actor and unit. */
export default function AuditPage() {
  const [query, setQuery] = createSignal<AuditQuery>({ from: today(-7), to: today() });
  const [data] = createResource(query, (q) => api.audit(q));
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    // An empty field is left out of the request (the client does not send empty parameters).
    const field = (name: string) => String(form.get(name) ?? '').trim();
    setQuery({ from: field('from'), to: field('to'), actor: field('actor'), unit: field('unit') });
  };
  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <form class="filters" onSubmit={submit}>
        <label>
          {t('audit.from')} <DateInput name="from" value={today(-7)} required />
        </label>
        <label>
          {t('audit.to')} <DateInput name="to" value={today()} required />
        </label>
        <label>
          {t('audit.actor')} <input name="actor" type="email" />
        </label>
        <label>
          {t('audit.unit')} <input name="unit" type="text" />
        </label>
        <button type="submit">{t('audit.filter')}</button>
        <a class="button" href={api.auditCsvUrl(query())} download="">
          {t('audit.export')}
        </a>
      </form>
      <Async of={data}>
        {({ entries }) => (
          <Show when={entries.length > 0} fallback={<p>{t('audit.empty')}</p>}>
            <p>{t('audit.count', { n: entries.length })}</p>
            <DataTable columns={columns} rows={entries} />
          </Show>
        )}
      </Async>
    </section>
  );
}
