import { createSignal, Show, type JSX } from 'solid-js';
import { t, today } from '../i18n/index.ts';
import { ErrorBox } from './error-box.tsx';

/**
 * One change to the org tree: its fields, the date it takes effect (today unless said
 * otherwise, never later), and the server's answer — what was done, or what is wrong and where.
 */
export function ActionForm(props: {
  id: string;
  title: string;
  submitLabel: string;
  children: JSX.Element;
  /** Does the change; returns the sentence that says it was done. */
  action: (form: FormData, effective: string) => Promise<string>;
  open?: boolean;
  onToggle?: (open: boolean) => void;
}) {
  const [done, setDone] = createSignal('');
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setDone('');
    setError(null);
    try {
      setDone(await props.action(form, String(form.get('effective'))));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <details class="action" open={props.open} onToggle={(e) => props.onToggle?.(e.currentTarget.open)}>
      <summary>{props.title}</summary>
      <form class="stack" onSubmit={submit}>
        {props.children}
        <label for={`${props.id}-effective`}>{t('org.effective')}</label>
        <input id={`${props.id}-effective`} name="effective" type="date" required max={today()} value={today()} />
        <button type="submit" disabled={busy()}>
          {props.submitLabel}
        </button>
      </form>
      <Show when={done()}>
        <p role="status" class="box ok">
          {done()}
        </p>
      </Show>
      <Show when={error()}>{(err) => <ErrorBox error={err()} />}</Show>
    </details>
  );
}
