import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import { Person } from '@sansang/core/schema';
import { api } from '../data/api.ts';
import { formatNumber, t } from '../i18n/index.ts';
import { Async } from '../ui/async.tsx';
import { ProgressBar } from '../ui/progress-bar.tsx';
import { statusKey } from './status.ts';

type Course = Awaited<ReturnType<typeof api.courses>>['courses'][number];

/** The courses whose title or summary holds the typed words, accents or not ("an toan" finds "An toàn"). */
function search(courses: Course[], typed: string): Course[] {
  const needle = Person.foldVietnamese(typed);
  return needle === '' ? courses : courses.filter((c) => Person.foldVietnamese(`${c.title} ${c.summary}`).includes(needle));
}

export default function Courses() {
  const [data] = createResource(() => api.courses());
  const [typed, setTyped] = createSignal('');
  return (
    <section>
      <h1>{t('courses.title')}</h1>
      <Async of={data}>
        {({ courses }) => (
          <Show when={courses.length > 0} fallback={<p>{t('courses.empty')}</p>}>
            <CourseCards courses={courses} typed={typed()} onType={setTyped} />
          </Show>
        )}
      </Async>
    </section>
  );
}

/** The search box and the cards it leaves; the count is read out as it changes, since the cards change out of sight. */
function CourseCards(props: { courses: Course[]; typed: string; onType: (typed: string) => void }) {
  const shown = createMemo(() => search(props.courses, props.typed));
  return (
    <>
      <form role="search" class="filters" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="course-search">{t('courses.search')}</label>
          <input id="course-search" type="search" maxLength={100} value={props.typed} onInput={(e) => props.onType(e.currentTarget.value)} />
        </div>
      </form>
      <p class="muted" role="status">
        {props.typed.trim() === ''
          ? ''
          : shown().length === 0
            ? t('courses.searchNone', { q: props.typed.trim() })
            : t('courses.searchFound', { n: formatNumber(shown().length), total: formatNumber(props.courses.length) })}
      </p>
      <ul class="cards">
        <For each={shown()}>
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
    </>
  );
}
