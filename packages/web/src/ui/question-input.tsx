import { For, Index, Match, Show, Switch } from 'solid-js';
import type { QuizQuestion } from '../data/api.ts';
import { t } from '../i18n/index.ts';
import { TrustedHtml } from './html.tsx';

/**
 * The answer controls of one question. Every control is a native form field named after the
 * question, so the form reads answers with `getAll(id)` in document order, works with the
 * keyboard alone and needs no script beyond the page's own.
 */
export function QuestionInput(props: { question: QuizQuestion; disabled: boolean; answer?: string[] }) {
  const q = () => props.question;
  const given = () => props.answer ?? [];
  const hintId = () => `${q().id}-hint`;
  return (
    <>
      <p class="muted" id={hintId()}>
        {t(`quiz.hint.${q().type}`)}
      </p>
      <Switch>
        <Match when={q().type === 'single' || q().type === 'multiple' ? (q() as Extract<QuizQuestion, { options: unknown }>) : null}>
          {(choice) => (
            <For each={choice().options}>
              {(o) => (
                <label class="option">
                  <input
                    type={choice().type === 'multiple' ? 'checkbox' : 'radio'}
                    name={choice().id}
                    value={o.id}
                    checked={given().includes(o.id)}
                    disabled={props.disabled}
                  />
                  <TrustedHtml html={o.html} class="option-text" />
                  <ChosenMark when={props.disabled && given().includes(o.id)} />
                </label>
              )}
            </For>
          )}
        </Match>
        <Match when={q().type === 'truefalse'}>
          <For
            each={
              [
                ['true', t('quiz.true')],
                ['false', t('quiz.false')],
              ] as const
            }
          >
            {([value, label]) => (
              <label class="option">
                <input type="radio" name={q().id} value={value} checked={given().includes(value)} disabled={props.disabled} />
                <span class="option-text">{label}</span>
                <ChosenMark when={props.disabled && given().includes(value)} />
              </label>
            )}
          </For>
        </Match>
        <Match when={q().type === 'short' || q().type === 'numeric'}>
          <label class="answer-field">
            <span class="sr-only">{t('quiz.yourAnswer')}</span>
            <input
              type="text"
              name={q().id}
              inputmode={q().type === 'numeric' ? 'decimal' : 'text'}
              autocomplete="off"
              maxlength="200"
              aria-describedby={hintId()}
              value={given()[0] ?? ''}
              disabled={props.disabled}
            />
          </label>
        </Match>
        <Match when={q().type === 'ordering' ? (q() as Extract<QuizQuestion, { items: unknown }>) : null}>
          {(ordering) => (
            <ol class="answer-slots">
              <Index each={ordering().items}>
                {(_, position) => (
                  <li>
                    <label>
                      <span class="sr-only">{t('quiz.position', { n: position + 1 })}</span>
                      <select name={ordering().id} disabled={props.disabled}>
                        <option value="">{t('quiz.pick')}</option>
                        <For each={ordering().items}>
                          {(item) => (
                            <option value={item.id} selected={given()[position] === item.id}>
                              {plain(item.html)}
                            </option>
                          )}
                        </For>
                      </select>
                    </label>
                  </li>
                )}
              </Index>
            </ol>
          )}
        </Match>
        <Match when={q().type === 'matching' ? (q() as Extract<QuizQuestion, { left: unknown }>) : null}>
          {(matching) => (
            <div class="answer-slots">
              <For each={matching().left}>
                {(left) => (
                  <label class="pair">
                    <TrustedHtml html={left.html} class="option-text" />
                    <select name={matching().id} disabled={props.disabled}>
                      <option value="">{t('quiz.pick')}</option>
                      <For each={matching().right}>
                        {(right) => (
                          <option value={`${left.id}=${right.id}`} selected={given().includes(`${left.id}=${right.id}`)}>
                            {plain(right.html)}
                          </option>
                        )}
                      </For>
                    </select>
                  </label>
                )}
              </For>
            </div>
          )}
        </Match>
      </Switch>
    </>
  );
}

/**
 * A graded attempt's controls are disabled, and a disabled radio or checkbox is drawn faint:
 * the learner's own choice is also said in words, so the result shows plainly what they chose.
 */
function ChosenMark(props: { when: boolean }) {
  return (
    <Show when={props.when}>
      <span class="chosen-mark">✓ {t('quiz.chosen')}</span>
    </Show>
  );
}

/** Option text for a `<select>`, which shows text only; the HTML is already sanitised by the server. */
function plain(html: string): string {
  return new DOMParser().parseFromString(html, 'text/html').body.textContent?.trim() ?? '';
}
