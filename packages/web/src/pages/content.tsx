import { For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import type { ContentFinding } from '../data/api.ts';
import { formatTime, t } from '../i18n/index.ts';
import { Async } from '../ui/async.tsx';
import { DataTable, type Column } from '../ui/data-table.tsx';
import { liveContent } from '../ui/live-content.ts';

const findingColumns: Column<ContentFinding>[] = [
  {
    title: () => t('content.where'),
    cell: (f) => (
      <code>
        {f.file}:{f.line}:{f.col}
      </code>
    ),
  },
  { title: () => t('content.severity'), cell: (f) => (f.severity === 'error' ? t('content.error') : t('content.warning')) },
  { title: () => t('content.message'), cell: (f) => f.message },
  { title: () => t('content.code'), cell: (f) => <code>{f.code}</code> },
];

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
              {s.source === 'local' ? t('content.sourceLocal', { at: formatTime(s.checkedAt!) }) : t('content.sourcePublished')}
            </p>
            <h2>{t('content.findings')}</h2>
            <Show when={s.findings.length > 0} fallback={<p class="box ok">{t('content.clean')}</p>}>
              <p>
                {t('content.summary', {
                  errors: s.findings.filter((f) => f.severity === 'error').length,
                  warnings: s.findings.filter((f) => f.severity === 'warning').length,
                })}
              </p>
              <DataTable columns={findingColumns} rows={s.findings} rowClass={(f) => (f.severity === 'error' ? 'warn' : '')} />
            </Show>
            <Show when={s.published.length > 0}>
              <h2>{t('content.publishLog')}</h2>
              <ul>
                <For each={s.published}>{(line) => <li>{line}</li>}</For>
              </ul>
            </Show>
            <h2>{t('content.courses', { n: s.courses.length })}</h2>
            <ul class="cards">
              <For each={s.courses}>
                {(c) => (
                  <li class="card">
                    <h3>
                      <A href={`/noi-dung/${c.slug}`}>{c.title}</A>
                    </h3>
                    <p class="muted">
                      <code>{c.slug}</code> · {t('content.version', { n: c.version })} · {t('courses.lessons', { n: c.lessonCount })}
                    </p>
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
