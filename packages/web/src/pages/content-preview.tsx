import { createResource, For, Show } from 'solid-js';
import { A, useParams } from '@solidjs/router';
import { api, type ItemStatistics, type PreviewQuestion, type QuizStatistics } from '../data/api.ts';
import { formatNumber, t, type Key } from '../i18n/index.ts';
import { Async } from '../ui/async.tsx';
import { DataTable } from '../ui/data-table.tsx';
import { TrustedHtml } from '../ui/html.tsx';
import { liveContent } from '../ui/live-content.ts';

/** A whole course as learners will see it, plus every quiz question with its answer, reloaded on each edit. */
export default function ContentPreview() {
  const params = useParams();
  const [data, { refetch }] = createResource(
    () => params.slug,
    (slug) => api.contentCourse(slug),
  );
  // Statistics come from graded attempts of the published version; none yet is not an error.
  const [stats] = createResource(
    () => params.slug,
    (slug) => api.contentStatistics(slug).catch(() => null),
  );
  const itemStats = (id: string) => stats()?.items.find((i) => i.id === id);
  liveContent(() => void refetch());
  return (
    <article>
      <p>
        <A href="/noi-dung">← {t('content.title')}</A>
      </p>
      <Async of={data}>
        {({ course }) => (
          <>
            <h1>{course.title}</h1>
            {/* A long page: where each lesson and the quiz start. */}
            <nav aria-label={t('content.toc')} class="toc">
              <h2>{t('content.toc')}</h2>
              <ol>
                <For each={course.lessons}>
                  {(lesson, i) => (
                    <li>
                      <a href={`#bai-${i() + 1}`}>
                        {t('content.lesson', { n: i() + 1 })}: {lesson.title}
                      </a>
                    </li>
                  )}
                </For>
                <Show when={course.quiz}>
                  {(quiz) => (
                    <li>
                      <a href="#kiem-tra">{quiz().title}</a>
                    </li>
                  )}
                </Show>
              </ol>
            </nav>
            <p class="muted">
              {t('content.version', { n: course.version })} · {t('courses.minutes', { n: course.estimatedMinutes })} · {course.tags.join(', ')}
            </p>
            <p>{course.summary}</p>
            <TrustedHtml html={course.introHtml} />
            <Show when={course.references.length > 0}>
              <h2>{t('course.references')}</h2>
              <ul>
                <For each={course.references}>{(r) => <li>{r}</li>}</For>
              </ul>
            </Show>
            <For each={course.lessons}>
              {(lesson, i) => (
                <section class="preview-lesson" id={`bai-${i() + 1}`}>
                  <h2>
                    {t('content.lesson', { n: i() + 1 })}: {lesson.title}
                  </h2>
                  <TrustedHtml html={lesson.html} class="lesson" />
                </section>
              )}
            </For>
            <Show when={course.quiz}>
              {(quiz) => (
                <section id="kiem-tra">
                  <h2>{quiz().title}</h2>
                  <p class="muted">{quizSettingsText(quiz())}</p>
                  <Show when={stats()}>{(st) => <ScoreDistribution stats={st()} />}</Show>
                  <ol class="preview-questions">
                    <For each={quiz().questions}>
                      {(q) => (
                        <li>
                          <PreviewAnswer q={q} stats={itemStats(q.id)} minAnswers={stats()?.minAnswersToFlag ?? 10} />
                        </li>
                      )}
                    </For>
                  </ol>
                </section>
              )}
            </Show>
          </>
        )}
      </Async>
    </article>
  );
}

type PreviewQuiz = {
  questions: unknown[];
  draw: { count: number }[];
  passMark: number;
  timeLimitMinutes: number | null;
  attempts: number | null;
  attemptsPerDay: number | null;
  waitAfterFailures: { failures: number; hours: number } | null;
};

/** The quiz's settings in words a trainer reads: pool and draw, pass mark, time, attempts, the daily limit and the wait. */
export function quizSettingsText(quiz: PreviewQuiz): string {
  const draw = quiz.draw.reduce((s, r) => s + r.count, 0) || quiz.questions.length;
  return `${[
    t('content.quizPool', { pool: quiz.questions.length, draw, pass: quiz.passMark }),
    quiz.timeLimitMinutes ? t('content.quizTime', { n: quiz.timeLimitMinutes }) : t('content.quizNoTime'),
    quiz.attempts ? t('content.quizAttempts', { n: quiz.attempts }) : t('content.quizNoAttemptLimit'),
    ...(quiz.attemptsPerDay ? [t('content.quizPerDay', { n: quiz.attemptsPerDay })] : []),
    ...(quiz.waitAfterFailures ? [t('content.quizWait', quiz.waitAfterFailures)] : []),
  ].join('; ')}.`;
}

/** How the graded attempts of the published version scored, in 10-point bands. */
function ScoreDistribution(props: { stats: QuizStatistics }) {
  const max = () => Math.max(1, ...props.stats.distribution);
  return (
    <Show when={props.stats.attempts > 0} fallback={<p class="muted">{t('content.noAttempts')}</p>}>
      <p>{t('content.attemptsSummary', { n: props.stats.attempts, mean: formatNumber(props.stats.meanScore ?? 0, 1), version: props.stats.version })}</p>
      <DataTable
        class="distribution"
        caption={t('content.distribution')}
        rows={props.stats.distribution.map((n, i) => ({ n, i }))}
        columns={[
          { title: () => t('content.band'), cell: ({ i }) => `${i * 10}–${i === 9 ? 100 : i * 10 + 9}`, rowHeader: true },
          {
            title: () => t('content.count'),
            cell: ({ n }) => (
              <>
                <span class="bar" style={{ width: `${(n / max()) * 12}rem` }} /> {n}
              </>
            ),
          },
        ]}
      />
    </Show>
  );
}

function PreviewAnswer(props: { q: PreviewQuestion; stats: ItemStatistics | undefined; minAnswers: number }) {
  const q = props.q;
  // Each question type carries its own answer fields: the preview shows whichever this one has.
  const options = 'options' in q ? q.options : undefined;
  const answer = 'answer' in q ? q.answer : undefined;
  const accepted = 'accepted' in q ? q.accepted : undefined;
  const ignoreAccents = 'ignoreAccents' in q ? q.ignoreAccents : undefined;
  const value = 'value' in q ? q.value : undefined;
  const tolerance = 'tolerance' in q ? q.tolerance : undefined;
  const items = 'items' in q ? q.items : undefined;
  const pairs = 'pairs' in q ? q.pairs : undefined;
  return (
    <div class="preview-question">
      <TrustedHtml html={q.promptHtml} />
      <p class="muted">
        <code>{q.id}</code> · {t(`content.type.${q.type}` as Key)} · {t(`content.difficulty.${q.difficulty}` as Key)}
        {q.tags.length ? ` · ${q.tags.join(', ')}` : ''}
      </p>
      <Show when={props.stats?.answered}>
        <p class="item-stats">
          {/* A share from a handful of answers says nothing yet: the flags wait for enough of them. */}
          <Show when={props.stats!.answered < props.minAnswers}>
            <span class="badge">{t('content.notEnoughData', { n: props.minAnswers })}</span>{' '}
          </Show>
          {t('content.itemStats', {
            n: props.stats!.answered,
            share: formatNumber((props.stats!.correctShare ?? 0) * 100, 0),
            d: props.stats!.discrimination === null ? '—' : formatNumber(props.stats!.discrimination, 2),
          })}
          <For each={props.stats!.flags}>{(f) => <span class="badge warn">{t(`content.flag.${f}` as Key)}</span>}</For>
        </p>
      </Show>
      <Show when={options}>
        <ul>
          <For each={options}>
            {(o) => (
              <li class={o.correct ? 'right' : ''}>
                {o.correct ? '✔ ' : '✘ '}
                <TrustedHtml html={o.html} class="option-text" />
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={answer !== undefined}>
        <p class="right">✔ {answer ? t('quiz.true') : t('quiz.false')}</p>
      </Show>
      <Show when={accepted}>
        <p class="right">
          ✔ {accepted!.join(' | ')}
          {ignoreAccents ? ` (${t('content.ignoreAccents')})` : ''}
        </p>
      </Show>
      <Show when={value !== undefined}>
        <p class="right">
          ✔ {value}
          {tolerance ? ` ± ${tolerance}` : ''}
        </p>
      </Show>
      <Show when={items}>
        <ol>
          <For each={items}>
            {(item) => (
              <li>
                <TrustedHtml html={item.html} class="option-text" />
              </li>
            )}
          </For>
        </ol>
      </Show>
      <Show when={pairs}>
        <ul>
          <For each={pairs}>
            {(p) => (
              <li>
                <TrustedHtml html={p.leftHtml} class="option-text" /> → <TrustedHtml html={p.rightHtml} class="option-text" />
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={q.explanationHtml}>
        {(html) => (
          <div class="verdict">
            <TrustedHtml html={html()} />
          </div>
        )}
      </Show>
    </div>
  );
}
