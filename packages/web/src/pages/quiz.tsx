import { createResource, createSignal, For, Show } from 'solid-js';
import { A, useParams } from '@solidjs/router';
import { api, type QuizResult } from '../data/api.ts';
import { errorMessage, formatNumber, t } from '../i18n/index.ts';
import { Async } from '../ui/async.tsx';
import { TrustedHtml } from '../ui/html.tsx';
import { QuestionInput } from '../ui/question-input.tsx';

export default function QuizPage() {
  const params = useParams();
  const [data] = createResource(() => params.slug, (slug) => api.quiz(slug));
  const [result, setResult] = createSignal<QuizResult | null>(null);
  const [error, setError] = createSignal('');
  const [busy, setBusy] = createSignal(false);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const answers: Record<string, string[]> = {};
    for (const q of data()?.quiz.questions ?? []) answers[q.id] = form.getAll(q.id).map(String).filter((a) => a !== '');
    setBusy(true);
    setError('');
    try {
      setResult((await api.submitQuiz(params.slug!, data()!.attempt, answers)).result);
      document.getElementById('result')?.focus();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const verdict = (id: string) => result()?.questions.find((q) => q.id === id);

  return (
    <Async of={data}>
      {({ quiz, attemptsLeft }) => (
        <article>
          <p><A href={`/khoa-hoc/${params.slug}`}>← {t('course.back')}</A></p>
          <h1>{quiz.title}</h1>
          <p class="muted">
            {t('quiz.rules', { count: quiz.questions.length, pass: quiz.passMark })}
            <Show when={attemptsLeft !== null && result() === null}> {t('quiz.attemptsLeft', { n: attemptsLeft! })}</Show>
          </p>
          <Show when={attemptsLeft === 0 && result() === null}>
            <p class="box warn" role="status">{t('quiz.noAttemptsLeft')}</p>
          </Show>
          <Show when={result()}>
            {(r) => (
              <section id="result" class={`box ${r().passed ? 'ok' : 'warn'}`} tabindex="-1" aria-live="polite">
                <h2>{t('quiz.result')}: <span>{r().passed ? t('quiz.passed') : t('quiz.failed')}</span></h2>
                <p>{t('quiz.score', { score: formatNumber(r().score, 1), correct: r().correct, total: r().total })}</p>
              </section>
            )}
          </Show>
          <form onSubmit={submit} class="quiz">
            <For each={quiz.questions}>
              {(q, i) => (
                <fieldset data-question={q.id}>
                  <legend>
                    <span class="qnum">{t('quiz.question', { n: i() + 1 })}</span>
                    <TrustedHtml html={q.promptHtml} class="prompt" />
                  </legend>
                  <QuestionInput question={q} disabled={result() !== null} />
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
            <Show when={error()}><p role="alert" class="error">{error()}</p></Show>
            <Show when={result() === null} fallback={<button type="button" onClick={() => location.reload()}>{t('quiz.retry')}</button>}>
              <button type="submit" disabled={busy() || quiz.questions.length === 0}>{busy() ? t('quiz.submitting') : t('quiz.submit')}</button>
            </Show>
          </form>
        </article>
      )}
    </Async>
  );
}
