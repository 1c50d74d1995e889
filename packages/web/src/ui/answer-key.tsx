import { For, Match, Show, Switch } from 'solid-js';
import type { QuizQuestion, QuizResult } from '../data/api.ts';
import { formatNumber, t } from '../i18n/index.ts';
import { TrustedHtml } from './html.tsx';

type Choice = Extract<QuizQuestion, { options: unknown }>;
type Ordering = Extract<QuizQuestion, { items: unknown }>;
type Matching = Extract<QuizQuestion, { left: unknown }>;

/** The HTML the attempt showed for `id` among `list` (option, item or side of a pair); sanitised by the server. */
const htmlOf = (list: { id: string; html: string }[], id: string) => list.find((x) => x.id === id)?.html ?? '';

/**
 * A graded question's verdict: right, wrong, or not answered at all (nothing saved for it,
 * which the attempt's answers tell), then the correct answer and the explanation when the
 * quiz shows them for this attempt.
 */
export function Verdict(props: { question: QuizQuestion; verdict: QuizResult['questions'][number]; answer: string[] | undefined }) {
  const unanswered = () => (props.answer ?? []).every((a) => a.trim() === '');
  const label = () => (props.verdict.correct ? t('quiz.correct') : unanswered() ? t('quiz.unanswered') : t('quiz.incorrect'));
  return (
    <div class={`verdict ${props.verdict.correct ? 'ok' : 'warn'}`}>
      <strong>{label()}</strong>
      <Show when={props.verdict.key}>{(key) => <AnswerKey question={props.question} answerKey={key()} />}</Show>
      <Show when={props.verdict.explanationHtml}>{(html) => <TrustedHtml html={html()} />}</Show>
    </div>
  );
}

/**
 * A key as the learner reads it: the texts of the right options (the ids in the key are the
 * attempt's own), Đúng/Sai, the accepted texts, the number in the reader's notation, the
 * items in their order, or each pair as "A → B".
 */
export function AnswerKey(props: { question: QuizQuestion; answerKey: string[] }) {
  const q = () => props.question;
  const key = () => props.answerKey;
  const choice = () => (q().type === 'single' || q().type === 'multiple' ? (q() as Choice) : null);
  const ordering = () => (q().type === 'ordering' ? (q() as Ordering) : null);
  const matching = () => (q().type === 'matching' ? (q() as Matching) : null);
  const number = () => {
    const n = Number(key()[0]);
    return Number.isFinite(n) ? formatNumber(n, 6) : (key()[0] ?? '');
  };
  return (
    <div class="answer-key">
      <span class="answer-key-label">{t('quiz.key')}</span>{' '}
      <Switch>
        <Match when={choice()}>
          {(c) => (
            <Show when={c().type === 'multiple'} fallback={<span class="option-text" innerHTML={htmlOf(c().options, key()[0] ?? '')} />}>
              <ul>
                <For each={c().options.filter((o) => key().includes(o.id))}>{(o) => <li class="option-text" innerHTML={o.html} />}</For>
              </ul>
            </Show>
          )}
        </Match>
        <Match when={q().type === 'truefalse'}>{key()[0] === 'true' ? t('quiz.true') : t('quiz.false')}</Match>
        <Match when={q().type === 'short'}>{key().join(' / ')}</Match>
        <Match when={q().type === 'numeric'}>{number()}</Match>
        <Match when={ordering()}>
          {(o) => (
            <ol>
              <For each={key()}>{(id) => <li class="option-text" innerHTML={htmlOf(o().items, id)} />}</For>
            </ol>
          )}
        </Match>
        <Match when={matching()}>
          {(m) => (
            <ul>
              <For each={key()}>
                {(pair) => {
                  const [left = '', right = ''] = pair.split('=');
                  return (
                    <li>
                      <span class="option-text" innerHTML={htmlOf(m().left, left)} /> → <span class="option-text" innerHTML={htmlOf(m().right, right)} />
                    </li>
                  );
                }}
              </For>
            </ul>
          )}
        </Match>
      </Switch>
    </div>
  );
}
