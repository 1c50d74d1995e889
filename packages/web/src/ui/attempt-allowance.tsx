import { Show } from 'solid-js';
import type { QuizInfo, QuizState } from '../data/api.ts';
import { formatClock, formatDay, formatNumber, t, type Key } from '../i18n/index.ts';

/** The attempt policy as a learner reads it before starting: attempts a day and the wait after repeated failure. */
export function policyText(quiz: Pick<QuizInfo, 'attemptsPerDay' | 'waitAfterFailures'>): string {
  const rules: string[] = [];
  if (quiz.attemptsPerDay !== null) rules.push(t('quiz.perDay', { n: quiz.attemptsPerDay }));
  const wait = quiz.waitAfterFailures;
  if (wait) rules.push(t('quiz.waitRule', { n: wait.failures, hours: formatNumber(wait.hours, 1) }));
  return rules.join(' ');
}

/** Why a result carries no keys, by the quiz's `explanations` setting; null when it always shows them. */
export function keysHiddenKey(quiz: QuizInfo): Key | null {
  switch (quiz.explanations) {
    case 'after-submit':
      return null;
    case 'after-pass':
      return 'quiz.keysHidden.afterPass';
    case 'after-pass-or-last':
      // Without an attempt limit there is no last attempt: only a pass shows them.
      return quiz.attempts === null ? 'quiz.keysHidden.afterPass' : 'quiz.keysHidden.afterPassOrLast';
    case 'never':
      return 'quiz.keysHidden.never';
  }
}

/** What the allowance needs: the quiz page's state, or the course page's standing with its quiz. */
type Standing = Pick<QuizState, 'attemptsLeftToday' | 'attemptsLeft' | 'retryAt' | 'retryReason'> & { quiz: Pick<QuizInfo, 'waitAfterFailures'> };

/**
 * What the learner may do next: the attempts today still allows, or, while the daily limit
 * or the wait after failures holds, why and from when (in Vietnam's time, as the server
 * counts days) a new attempt may start. `id` lets the start button point to the reason.
 */
export function AttemptAllowance(props: { state: Standing; id: string }) {
  const today = () => {
    const { attemptsLeftToday, attemptsLeft } = props.state;
    if (attemptsLeftToday === null) return null;
    return attemptsLeft === null ? attemptsLeftToday : Math.min(attemptsLeftToday, attemptsLeft);
  };
  const refusal = () => {
    const { retryAt, retryReason, quiz } = props.state;
    if (!retryAt) return null;
    const when = { time: formatClock(retryAt), date: formatDay(retryAt) };
    return retryReason === 'wait' ? t('quiz.retryAt.wait', { ...when, n: quiz.waitAfterFailures?.failures ?? '' }) : t('quiz.retryAt.daily_limit', when);
  };
  return (
    <Show
      when={refusal()}
      fallback={
        <Show when={today()}>
          {(n) => (
            <p id={props.id} class="allowance">
              {t('quiz.attemptsLeftToday', { n: n() })}
            </p>
          )}
        </Show>
      }
    >
      {(text) => (
        <p id={props.id} class="box warn" role="status">
          {text()}
        </p>
      )}
    </Show>
  );
}
