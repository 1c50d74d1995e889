import { createResource, For, Show } from 'solid-js';
import { A, useParams } from '@solidjs/router';
import { api } from '../data/api.ts';
import { formatDay, t } from '../i18n/index.ts';
import { Async } from '../ui/async.tsx';
import { TrustedHtml } from '../ui/html.tsx';
import { ProgressBar } from '../ui/progress-bar.tsx';
import { CertificateBox } from '../ui/certificate-box.tsx';
import { RemainingLessons } from '../ui/remaining-lessons.tsx';
import { AttemptAllowance, policyText } from '../ui/attempt-allowance.tsx';

export default function CoursePage() {
  const params = useParams();
  const [data] = createResource(
    () => params.slug,
    (slug) => api.course(slug),
  );
  return (
    <Async of={data}>
      {({ course, standing }) => (
        <article>
          <h1>{course.title}</h1>
          <p class="lead">{course.summary}</p>
          <ProgressBar value={course.progress.lessonsDone.length} max={course.lessonCount} />
          <p>
            {t('course.progress', { done: course.progress.lessonsDone.length, total: course.lessonCount })}
            <Show when={course.progress.completedAt}>
              {' '}
              · <strong>{t('course.completedAt', { date: formatDay(course.progress.completedAt!) })}</strong>
            </Show>
          </p>
          <Show when={course.progress.completed}>
            <CertificateBox slug={course.slug} />
          </Show>
          <Show when={course.progress.quizPassed && !course.progress.completed && course.remaining.lessons.length > 0}>
            <RemainingLessons slug={course.slug} lessons={course.remaining.lessons} />
          </Show>
          <TrustedHtml html={course.introHtml} />
          <h2>{t('course.lessons')}</h2>
          <ol class="lessons">
            <For each={course.lessons}>
              {(l) => (
                <li>
                  <A href={`/khoa-hoc/${course.slug}/bai/${l.id}`}>{l.title}</A>
                  <Show when={course.progress.lessonsDone.includes(l.id)}>
                    {' '}
                    <span class="badge ok">✓ {t('course.lessonDone')}</span>
                  </Show>
                </li>
              )}
            </For>
          </ol>
          <Show when={course.quiz}>
            {(quiz) => (
              <section class="box">
                <h2>
                  {t('course.quiz')}: {quiz().title}
                </h2>
                <p>
                  {t('course.quizInfo', { n: quiz().questionCount, pass: quiz().passMark })}{' '}
                  <Show when={policyText(quiz())}>{(rules) => <span class="muted">{rules()}</span>}</Show>
                </p>
                <Show when={course.progress.bestScore !== null}>
                  <p>
                    {t('course.bestScore', { score: course.progress.bestScore! })} · {course.progress.quizPassed ? t('quiz.passed') : t('quiz.failed')}
                  </p>
                </Show>
                {/* The same words as the quiz page while the daily limit or the wait holds a new attempt back. */}
                <Show when={standing && course.progress.openAttempt === null ? standing : null}>
                  {(st) => (
                    <Show
                      when={st().attemptsLeft === 0 && !course.progress.quizPassed}
                      fallback={<AttemptAllowance state={{ ...st(), quiz: quiz() }} id="course-allowance" />}
                    >
                      <p class="box warn" role="status">
                        {t('quiz.noAttemptsLeft')}
                      </p>
                    </Show>
                  )}
                </Show>
                <A class="button" href={`/khoa-hoc/${course.slug}/kiem-tra`}>
                  {standing?.retryAt || standing?.attemptsLeft === 0 ? t('course.viewQuiz') : t('course.takeQuiz')}
                </A>
              </section>
            )}
          </Show>
          <Show when={course.references.length > 0}>
            <h2>{t('course.references')}</h2>
            <ul>
              <For each={course.references}>{(r) => <li>{r}</li>}</For>
            </ul>
          </Show>
        </article>
      )}
    </Async>
  );
}
