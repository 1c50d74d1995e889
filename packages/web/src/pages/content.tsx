import { For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { t } from '../i18n/index.ts';
import { Async } from '../ui/async.tsx';
import { liveContent } from '../ui/live-content.ts';

/** The trainer's desk: what the checker found in content/, what was published, and a preview link per course. */
export default function ContentPage() {
  const status = liveContent();
  return (
    <section>
      <h1>{t('content.title')}</h1>
      <Async of={status}>
        {(s) => (
          <>
            <p class="muted" role="status">
              {s.source === 'local' ? t('content.sourceLocal', { at: new Date(s.checkedAt!).toLocaleTimeString() }) : t('content.sourcePublished')}
            </p>
            <h2>{t('content.findings')}</h2>
            <Show when={s.findings.length > 0} fallback={<p class="box ok">{t('content.clean')}</p>}>
              <p>{t('content.summary', { errors: s.findings.filter((f) => f.severity === 'error').length, warnings: s.findings.filter((f) => f.severity === 'warning').length })}</p>
              <div class="table-wrap">
                <table>
                  <thead><tr><th scope="col">{t('content.where')}</th><th scope="col">{t('content.severity')}</th><th scope="col">{t('content.message')}</th><th scope="col">{t('content.code')}</th></tr></thead>
                  <tbody>
                    <For each={s.findings}>
                      {(f) => (
                        <tr class={f.severity === 'error' ? 'warn' : ''}>
                          <td><code>{f.file}:{f.line}:{f.col}</code></td>
                          <td>{f.severity === 'error' ? t('content.error') : t('content.warning')}</td>
                          <td>{f.message}</td>
                          <td><code>{f.code}</code></td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
            <Show when={s.published.length > 0}>
              <h2>{t('content.publishLog')}</h2>
              <ul><For each={s.published}>{(line) => <li>{line}</li>}</For></ul>
            </Show>
            <h2>{t('content.courses', { n: s.courses.length })}</h2>
            <ul class="cards">
              <For each={s.courses}>
                {(c) => (
                  <li class="card">
                    <h3><A href={`/noi-dung/${c.slug}`}>{c.title}</A></h3>
                    <p class="muted"><code>{c.slug}</code> · {t('content.version', { n: c.version })} · {t('courses.lessons', { n: c.lessonCount })}</p>
                    <p>{c.summary}</p>
                  </li>
                )}
              </For>
            </ul>
          </>
        )}
      </Async>
    </section>
  );
}
