import { createEffect, createResource, createSignal, For, Show } from 'solid-js';
import { api, type AuditEntry, type AuditQuery, type AuditUnits } from '../data/api.ts';
import { formatDateTime, t, today, type Key } from '../i18n/index.ts';
import { vi } from '../i18n/vi.ts';
import { auditDetail } from '../ui/audit-detail.tsx';
import { Async } from '../ui/async.tsx';
import { DataTable, type Column } from '../ui/data-table.tsx';
import { DateInput } from '../ui/date-input.tsx';

/** An action this release has no name for (written by a newer one) shows its code. */
const actionName = (action: string) => (`audit.action.${action}` in vi ? t(`audit.action.${action}` as Key) : action);

function columns(units: AuditUnits): Column<AuditEntry>[] {
  const unit = (id: string | null | undefined) => (id ? units[id] : undefined);
  return [
    { title: () => t('audit.col.at'), cell: (e) => formatDateTime(e.at) },
    { title: () => t('audit.col.actor'), cell: (e) => e.actor },
    // The code stays at hand (hover, CSV) for whoever searches the raw log.
    { title: () => t('audit.col.action'), cell: (e) => <span title={e.action}>{actionName(e.action)}</span> },
    {
      title: () => t('audit.col.unit'),
      cell: (e) => (
        <Show when={unit(e.unitId)} fallback={e.unitId ?? ''}>
          {(u) => (
            <>
              {u().name} <span class="muted">({u().code})</span>
            </>
          )}
        </Show>
      ),
    },
    { title: () => t('audit.col.detail'), cell: (e) => auditDetail(e, units) },
  ];
}

/** Admins read and export the audit log of their scope, by period, actor and unit (chosen by name or code). */
export default function AuditPage() {
  const [query, setQuery] = createSignal<AuditQuery>({ from: today(-7), to: today() });
  const [data] = createResource(query, (q) => api.audit(q));
  // Every unit a page of the log has named so far is offered by name in the unit field.
  const [known, setKnown] = createSignal<AuditUnits>({});
  createEffect(() => {
    const units = data.latest?.units;
    if (units) setKnown((before) => ({ ...before, ...units }));
  });
  const choices = () => Object.values(known()).sort((a, b) => a.name.localeCompare(b.name, 'vi'));
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
          {t('audit.unit')} <input name="unit" type="text" list="audit-units" autocomplete="off" />
        </label>
        <datalist id="audit-units" aria-label={t('audit.unitChoices')}>
          <For each={choices()}>{(u) => <option value={u.code}>{u.name}</option>}</For>
        </datalist>
        <button type="submit">{t('audit.filter')}</button>
        <a class="button" href={api.auditCsvUrl(query())} download="">
          {t('audit.export')}
        </a>
      </form>
      <Async of={data}>
        {(view) => (
          <>
            <Show when={query().unit ? view.unit : null}>{(u) => <p>{t('audit.showing', { unit: `${u().name} (${u().code})` })}</p>}</Show>
            <Show when={view.entries.length > 0} fallback={<p>{t('audit.empty')}</p>}>
              <p>{t('audit.count', { n: view.entries.length })}</p>
              <DataTable columns={columns(view.units)} rows={view.entries} class="audit-log" />
            </Show>
          </>
        )}
      </Async>
    </section>
  );
}
