import { createResource, createSignal, For, Show } from 'solid-js';
import { api } from '../data/api.ts';
import { t } from '../i18n/index.ts';
import { Async } from '../ui/async.tsx';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Admins read and export the audit log of their scope, by period, actor and unit. */
export default function AuditPage() {
  const [query, setQuery] = createSignal(new URLSearchParams({ from: day(-7), to: day(0) }).toString());
  const [data] = createResource(query, (q) => api.audit(q));
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const params = new URLSearchParams();
    for (const [k, v] of form.entries()) if (String(v).trim()) params.set(k, String(v).trim());
    setQuery(params.toString());
  };
  return (
    <section>
      <h1>{t('audit.title')}</h1>
      <form class="filters" onSubmit={submit}>
        <label>{t('audit.from')} <input name="from" type="date" value={day(-7)} required /></label>
        <label>{t('audit.to')} <input name="to" type="date" value={day(0)} required /></label>
        <label>{t('audit.actor')} <input name="actor" type="email" /></label>
        <label>{t('audit.unit')} <input name="unit" type="text" /></label>
        <button type="submit">{t('audit.filter')}</button>
        <a class="button" href={api.auditCsvUrl(query())} download="">{t('audit.export')}</a>
      </form>
      <Async of={data}>
        {({ entries }) => (
          <Show when={entries.length > 0} fallback={<p>{t('audit.empty')}</p>}>
            <p>{t('audit.count', { n: entries.length })}</p>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('audit.col.at')}</th>
                    <th scope="col">{t('audit.col.actor')}</th>
                    <th scope="col">{t('audit.col.action')}</th>
                    <th scope="col">{t('audit.col.unit')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={entries}>
                    {(e) => (
                      <tr>
                        <td>{new Date(e.at).toLocaleString()}</td>
                        <td>{e.actor}</td>
                        <td><code>{e.action}</code></td>
                        <td>{e.unitId ?? ''}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        )}
      </Async>
    </section>
  );
}
