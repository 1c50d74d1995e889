import { createResource, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { api } from '../data/api.ts';
import { t } from '../i18n/index.ts';
import { Async } from '../ui/async.tsx';
import { ProgressBar } from '../ui/progress-bar.tsx';
import { statusKey } from './status.ts';

export default function Courses() {
  const [data] = createResource(() => api.courses());
  return (
    <section>
      <h1>{t('courses.title')}</h1>
      <Async of={data}>
        {({ courses }) => (
          <Show when={courses.length > 0} fallback={<p>{t('courses.empty')}</p>}>
            <ul class="cards">
              <For each={courses}>
                {(c) => (
                  <li class="card">
                    <h2>
                      <A href={`/khoa-hoc/${c.slug}`}>{c.title}</A>
                    </h2>
                    <p>{c.summary}</p>
                    <p class="muted">
                      {t('courses.minutes', { n: c.estimatedMinutes })} · {t('courses.lessons', { n: c.lessonCount })}
                    </p>
                    <ProgressBar
                      value={c.progress.lessonsDone.length + (c.progress.quizPassed ? 1 : 0)}
                      max={c.lessonCount + 1}
                      label={`${t('courses.progress')}: ${c.title}`}
                    />
                    <p class={`status ${c.progress.completed ? 'ok' : ''}`}>{t(statusKey(c.progress))}</p>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Async>
    </section>
  );
}
