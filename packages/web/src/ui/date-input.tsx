import { createEffect, createSignal, on, onCleanup, onMount, Show } from 'solid-js';
import { formatDay, t } from '../i18n/index.ts';

/** yyyy-mm-dd from what was typed as dd/mm/yyyy; `null` when it is not a day of the calendar. */
export function parseDay(text: string): string | null {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const [day, month, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(year, month - 1, day));
  // 31/02 rolls over to 3 March in Date: only a day that reads back the same exists.
  if (at.getUTCFullYear() !== year || at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) return null;
  return at.toISOString().slice(0, 10);
}

/** What is wrong with the typed text, in words, or '' when it is a day the field accepts. */
export function dayProblem(text: string, rules: { required?: boolean; min?: string; max?: string }): string {
  const typed = text.trim();
  if (typed === '') return rules.required ? t('date.required') : '';
  if (!/^\d{1,2}\/\d{1,2}\/\d{4}$/.test(typed)) return t('date.format');
  const day = parseDay(typed);
  if (!day) return t('date.noSuchDay', { text: typed });
  // yyyy-mm-dd strings order as the days do.
  if (rules.min && day < rules.min) return t('date.beforeMin', { min: formatDay(rules.min) });
  if (rules.max && day > rules.max) return t('date.afterMax', { max: formatDay(rules.max) });
  return '';
}

/**
 * A date typed as dd/mm/yyyy whatever the browser's language. `<input type="date">` shows
 * the browser's own order, and a field that reads mm/dd turns an effective date of
 * 12/01/2026 into 1 December. The form sends yyyy-mm-dd under `name` (a hidden field beside
 * the one typed in), so the API and the code that reads the form see the same value as before.
 * A wrong day blocks the form with a sentence saying what is wrong.
 */
export function DateInput(props: {
  id?: string;
  name?: string;
  /** yyyy-mm-dd, or '' for an empty field; the field follows when it changes. */
  value?: string;
  required?: boolean;
  min?: string;
  max?: string;
  /** The day as yyyy-mm-dd once the text is a valid day, '' otherwise. */
  onChange?: (day: string) => void;
}) {
  const shown = (day: string | undefined) => (day ? formatDay(day) : '');
  const [text, setText] = createSignal(shown(props.value));
  const [touched, setTouched] = createSignal(false);
  const problem = () => dayProblem(text(), props);
  const day = () => (problem() === '' ? (parseDay(text()) ?? '') : '');
  const errorId = () => (props.id ? `${props.id}-error` : undefined);
  let input!: HTMLInputElement;

  createEffect(() => input.setCustomValidity(problem()));
  // A value set from outside (a form cleared for the next person) replaces what was typed, unless it is the same day.
  createEffect(
    on(
      () => props.value,
      (value) => {
        if ((value ?? '') !== day()) setText(shown(value));
      },
      { defer: true },
    ),
  );
  createEffect(on(day, (d) => props.onChange?.(d), { defer: true }));
  onMount(() => {
    const form = input.form;
    if (!form) return;
    // A reset puts back the first value after this event; the field shows the current one instead.
    const onReset = () =>
      setTimeout(() => {
        setTouched(false);
        setText(shown(props.value));
        input.value = text();
      });
    form.addEventListener('reset', onReset);
    onCleanup(() => form.removeEventListener('reset', onReset));
  });

  return (
    <>
      <input
        ref={input}
        id={props.id}
        type="text"
        class="date-input"
        inputmode="numeric"
        autocomplete="off"
        pattern="\d{1,2}/\d{1,2}/\d{4}"
        placeholder={t('date.placeholder')}
        title={t('date.placeholder')}
        maxLength={10}
        required={props.required}
        value={text()}
        aria-invalid={touched() && problem() !== '' ? 'true' : undefined}
        aria-describedby={touched() && problem() !== '' ? errorId() : undefined}
        onInput={(e) => setText(e.currentTarget.value)}
        onBlur={() => setTouched(true)}
        onInvalid={() => setTouched(true)}
      />
      <Show when={props.name}>{(name) => <input type="hidden" name={name()} value={day()} />}</Show>
      <Show when={touched() && problem()}>
        {(message) => (
          <span id={errorId()} class="field-error" role="alert">
            {message()}
          </span>
        )}
      </Show>
    </>
  );
}
