import { For } from 'solid-js';
import { A } from '@solidjs/router';
import { t } from '../i18n/index.ts';

/**
 * A quiz passed while lessons are still unlearnt: the quiz stays open to those who know the
 * matter, but the course is complete only with its lessons, so the course page and the quiz
 * result both say which ones are left (as the server's completion rule counts them) and link to them.
 */
export function RemainingLessons(props: { slug: string; lessons: { id: string; title: string }[] }) {
  return (
    <div class="box warn remaining" role="status">
      <p>{t('course.remaining.afterPass', { n: props.lessons.length })}</p>
      <ul>
        <For each={props.lessons}>
          {(lesson) => (
            <li>
              <A href={`/khoa-hoc/${props.slug}/bai/${lesson.id}`}>{lesson.title}</A>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}
