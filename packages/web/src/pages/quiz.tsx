import { createEffect, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { A, useParams } from '@solidjs/router';
import { api, ApiError, type Attempt, type QuizResult, type QuizState } from '../data/api.ts';
import { formatClock, formatDay, formatNumber, locale, t } from '../i18n/index.ts';
import { Loaded } from '../ui/async.tsx';
import { TrustedHtml } from '../ui/html.tsx';
import { QuestionInput } from '../ui/question-input.tsx';
import { Countdown } from '../ui/countdown.tsx';
import { ErrorBox } from '../ui/error-box.tsx';
import { useSubmit } from '../ui/submission.tsx';
import { AttemptAllowance, keysHiddenKey, policyText } from '../ui/attempt-allowance.tsx';
import { Verdict } from '../ui/answer-key.tsx';
import { answerSaver } from '../data/answer-saver.ts';
import { RemainingLessons } from '../ui/remaining-lessons.tsx';
import { gapsIn, UnansweredConfirm, type Gaps } from '../ui/unanswered.tsx';
import { CourseTrail } from '../ui/course-trail.tsx';

/** The longest a page waits before asking again whether the attempt policy still holds it back. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Never sooner, so a PC whose clock runs ahead of the server's does not ask every second. */
const MIN_RECHECK_MS = 60_000;

/** A start refused by the daily limit or the wait: the server's sentence names the hour, in Vietnamese. */
const policyRefusal = (err: unknown): err is ApiError =>
  err instanceof ApiError && err.status === 429 && (err.code === 'quiz.daily_limit' || err.code === 'quiz.wait') && err.message !== '';

/**
 * A quiz attempt kept by the server: each answer is saved as it is given, a reload resumes
 * the same attempt with the same deadline, and the server grades it once. The page stays
 * mounted while its state reloads after a submit, so the focus stays on the result.
 */
export default function QuizPage() {
  const params = useParams();
  const [state, { refetch }] = createResource(
    () => params.slug,
    (slug) => api.quiz(slug),
  );
  const [attempt, setAttempt] = createSignal<Attempt | null>(null);
  const [result, setResult] = createSignal<QuizResult | null>(null);
  const submission = useSubmit();
  const { busy, error } = submission;
  const [gaps, setGaps] = createSignal<Gaps | null>(null);
  const saver = answerSaver((questionId, answer) => api.saveAnswer(params.slug!, current()!.n, questionId, answer));
  onCleanup(() => saver.stop());
  let form: HTMLFormElement | undefined;
  let gapsBox: HTMLDivElement | undefined;
  /** Back to answering: the first question the confirmation named gets the focus. */
  const backToGaps = (found: Gaps) => {
    setGaps(null);
    const first = current()?.questions[Math.min(...found.blank, ...found.partial) - 1];
    form?.querySelector<HTMLElement>(`fieldset[data-question="${first?.id}"] :is(input, select)`)?.focus();
  };

  const current = () => attempt() ?? state()?.attempt ?? null;
  createEffect(() => {
    const open = current();
    if (open?.status === 'open') saver.bind(`sansang:answers:${params.slug}:${open.n}`);
  });
  const collect = () => {
    const data = new FormData(form);
    return Object.fromEntries(
      (current()?.questions ?? []).map((q) => [
        q.id,
        data
          .getAll(q.id)
          .map(String)
          .filter((a) => a !== ''),
      ]),
    );
  };

  const run = (work: () => Promise<void>) =>
    submission.run(async () => {
      try {
        await work();
      } catch (err) {
        // The page's view of the policy was stale (another tab, the PC's clock): show today's.
        if (policyRefusal(err)) void refetch();
        throw err;
      }
    });
  const start = () =>
    run(async () => {
      saver.reset();
      setResult(null);
      setAttempt((await api.startAttempt(params.slug!)).attempt);
    });
  /** Submits; the learner's own submit asks first when questions are blank (`confirmed` once they said so), the countdown never does. */
  const submit = (event?: SubmitEvent, confirmed = false) => {
    event?.preventDefault();
    if (busy() || !current() || result()) return;
    if (event && !confirmed) {
      const found = gapsIn(current()!.questions, collect());
      setGaps(found);
      if (found) return void queueMicrotask(() => gapsBox?.focus());
    }
    setGaps(null);
    return run(async () => {
      const out = await api.submitAttempt(params.slug!, current()!.n, collect());
      saver.reset();
      setAttempt(out.attempt);
      setResult(out.result);
      void refetch();
      document.getElementById('result')?.focus();
    });
  };
  const onInput = (event: Event) => {
    setGaps(null);
    const name = (event.target as HTMLInputElement).name;
    if (name) saver.queue(name, collect()[name] ?? []);
  };
  const verdict = (id: string) => result()?.questions.find((q) => q.id === id);
  // Once the wait or the day is over, the start button comes back without a reload.
  createEffect(() => {
    const at = state.latest?.retryAt;
    if (!at) return;
    const timer = setTimeout(() => void refetch(), Math.min(MAX_TIMER_MS, Math.max(MIN_RECHECK_MS, Date.parse(at) - Date.now() + 1_000)));
    onCleanup(() => clearTimeout(timer));
  });
  /** Start or retry, held back (and saying why) while the attempt policy refuses a new attempt. */
  const StartButton = (props: { s: QuizState; label: string }) => (
    <>
      <AttemptAllowance state={props.s} id="allowance" />
      <button type="button" onClick={start} disabled={busy() || props.s.retryAt !== null} aria-describedby={props.s.retryAt ? 'allowance' : undefined}>
        {props.label}
      </button>
    </>
  );

  return (
    <Loaded of={state}>
      {(s) => (
        <article>
          <CourseTrail slug={params.slug!} courseTitle={s().course.title} here={s().quiz.title} />
          <h1>{t('quiz.heading', { quiz: s().quiz.title, course: s().course.title })}</h1>
          <p class="muted">
            {t('quiz.rules', { count: s().quiz.questionCount, pass: s().quiz.passMark })}
            <Show when={s().quiz.timeLimitMinutes}>{(m) => <> {t('quiz.timeLimit', { n: m() })}</>}</Show>
            <Show when={s().attemptsLeft !== null && !current()}> {t('quiz.attemptsLeft', { n: s().attemptsLeft! })}</Show>
            <Show when={policyText(s().quiz)}>{(rules) => <> {rules()}</>}</Show>
          </p>
          <Show when={result()}>
            {(r) => (
              <section id="result" class={`box ${r().passed ? 'ok' : 'warn'}`} tabindex="-1" aria-live="polite">
                <h2>
                  {t('quiz.result')}: <span>{r().passed ? t('quiz.passed') : t('quiz.failed')}</span>
                </h2>
                <p>{t('quiz.score', { score: formatNumber(r().score, 1), correct: r().correct, total: r().total })}</p>
                <Show when={r().questions.some((q) => q.key === null) && keysHiddenKey(s().quiz)}>{(why) => <p>{t(why())}</p>}</Show>
                <Show when={s().progress.completed}>
                  <p>
                    <A href={`/khoa-hoc/${params.slug}`}>{t('quiz.toCertificate')}</A>
                  </p>
                </Show>
              </section>
            )}
          </Show>
          <Show when={s().progress.quizPassed && !s().progress.completed && s().remaining.lessons.length > 0}>
            <RemainingLessons slug={params.slug!} lessons={s().remaining.lessons} />
          </Show>
          <Show when={!current() && !result() && s().earlier.length > 0}>
            <section aria-labelledby="earlier-title">
              <h2 id="earlier-title">{t('quiz.earlier')}</h2>
              <ul class="earlier">
                <For each={s().earlier}>
                  {(a) => (
                    <li>
                      {t('quiz.earlierAttempt', {
                        n: a.n + 1,
                        score: formatNumber(a.score, 1),
                        verdict: a.passed ? t('quiz.passed') : t('quiz.failed'),
                        time: a.submittedAt ? formatClock(a.submittedAt) : '',
                        date: a.submittedAt ? formatDay(a.submittedAt) : '',
                      })}
                    </li>
                  )}
                </For>
              </ul>
            </section>
          </Show>
          <Show when={error()}>
            {(err) => (
              <Show when={locale() === 'vi' && policyRefusal(err())} fallback={<ErrorBox error={err()} />}>
                <p role="alert" class="box warn">
                  {(err() as ApiError).message}
                </p>
              </Show>
            )}
          </Show>
          <Show
            when={current()?.status === 'open' || result()}
            fallback={
              <Show
                when={s().attemptsLeft !== 0}
                fallback={
                  <p class="box warn" role="status">
                    {t('quiz.noAttemptsLeft')}
                  </p>
                }
              >
                <StartButton s={s()} label={t('quiz.start')} />
              </Show>
            }
          >
            <Show when={current()?.deadline && !result()}>
              <Countdown deadline={current()!.deadline!} serverNow={current()!.serverNow} onEnd={() => void submit()} />
            </Show>
            <form ref={form} onSubmit={submit} onChange={onInput} onInput={onInput} class="quiz">
              <For each={current()!.questions}>
                {(q, i) => (
                  <fieldset data-question={q.id}>
                    <legend>
                      <span class="qnum">{t('quiz.question', { n: i() + 1 })}</span>
                      <TrustedHtml html={q.promptHtml} class="prompt" />
                    </legend>
                    <QuestionInput question={q} disabled={result() !== null} answer={saver.unsaved(q.id) ?? current()!.answers[q.id]} />
                    <Show when={verdict(q.id)}>{(v) => <Verdict question={q} verdict={v()} answer={current()!.answers[q.id]} />}</Show>
                  </fieldset>
                )}
              </For>
              <Show
                when={result() === null}
                fallback={
                  <Show when={s().attemptsLeft !== 0}>
                    <StartButton s={s()} label={t('quiz.retry')} />
                  </Show>
                }
              >
                <p class="muted" role="status">
                  {t(`quiz.save.${saver.status()}`)}
                </p>
                <Show when={gaps()}>
                  {(found) => (
                    <UnansweredConfirm
                      gaps={found()}
                      ref={(el) => (gapsBox = el)}
                      onSubmit={() => void submit(new SubmitEvent('submit'), true)}
                      onBack={() => backToGaps(found())}
                    />
                  )}
                </Show>
                <button type="submit" disabled={busy()}>
                  {busy() ? t('quiz.submitting') : t('quiz.submit')}
                </button>
              </Show>
            </form>
          </Show>
        </article>
      )}
    </Loaded>
  );
}
