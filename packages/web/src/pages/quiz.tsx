import { createEffect, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { A, useParams } from '@solidjs/router';
import { api, type Attempt, type QuizResult } from '../data/api.ts';
import { errorMessage, formatNumber, t } from '../i18n/index.ts';
import { Loaded } from '../ui/async.tsx';
import { TrustedHtml } from '../ui/html.tsx';
import { QuestionInput } from '../ui/question-input.tsx';
import { Countdown } from '../ui/countdown.tsx';
import { answerSaver } from '../data/answer-saver.ts';

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
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const saver = answerSaver((questionId, answer) => api.saveAnswer(params.slug!, current()!.n, questionId, answer));
  onCleanup(() => saver.stop());
  let form: HTMLFormElement | undefined;

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

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError('');
    try {
      await work();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const start = () =>
    run(async () => {
      saver.reset();
      setResult(null);
      setAttempt((await api.startAttempt(params.slug!)).attempt);
    });
  const submit = (event?: SubmitEvent) => {
    event?.preventDefault();
    if (busy() || !current() || result()) return;
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
    const name = (event.target as HTMLInputElement).name;
    if (name) saver.queue(name, collect()[name] ?? []);
  };
  const verdict = (id: string) => result()?.questions.find((q) => q.id === id);

  return (
    <Loaded of={state}>
      {(s) => (
        <article>
          <p>
            <A href={`/khoa-hoc/${params.slug}`}>← {t('course.back')}</A>
          </p>
          <h1>{s().quiz.title}</h1>
          <p class="muted">
            {t('quiz.rules', { count: s().quiz.questionCount, pass: s().quiz.passMark })}
            <Show when={s().quiz.timeLimitMinutes}>{(m) => <> {t('quiz.timeLimit', { n: m() })}</>}</Show>
            <Show when={s().attemptsLeft !== null && !current()}> {t('quiz.attemptsLeft', { n: s().attemptsLeft! })}</Show>
          </p>
          <Show when={result()}>
            {(r) => (
              <section id="result" class={`box ${r().passed ? 'ok' : 'warn'}`} tabindex="-1" aria-live="polite">
                <h2>
                  {t('quiz.result')}: <span>{r().passed ? t('quiz.passed') : t('quiz.failed')}</span>
                </h2>
                <p>{t('quiz.score', { score: formatNumber(r().score, 1), correct: r().correct, total: r().total })}</p>
                <Show when={s().progress.completed}>
                  <p>
                    <A href={`/khoa-hoc/${params.slug}`}>{t('quiz.toCertificate')}</A>
                  </p>
                </Show>
              </section>
            )}
          </Show>
          <Show when={error()}>
            <p role="alert" class="error">
              {error()}
            </p>
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
                <button type="button" onClick={start} disabled={busy()}>
                  {t('quiz.start')}
                </button>
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
                    <Show when={verdict(q.id)}>
                      {(v) => (
                        <div class={`verdict ${v().correct ? 'ok' : 'warn'}`}>
                          <strong>{v().correct ? t('quiz.correct') : t('quiz.incorrect')}</strong>
                          <Show when={v().explanationHtml}>{(html) => <TrustedHtml html={html()} />}</Show>
                        </div>
                      )}
                    </Show>
                  </fieldset>
                )}
              </For>
              <Show
                when={result() === null}
                fallback={
                  <Show when={state()?.attemptsLeft !== 0}>
                    <button type="button" onClick={start} disabled={busy()}>
                      {t('quiz.retry')}
                    </button>
                  </Show>
                }
              >
                <p class="muted" role="status">
                  {t(`quiz.save.${saver.status()}`)}
                </p>
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
