import type { JSX } from 'solid-js';
import { t, today } from '../i18n/index.ts';
import { SubmitOutcome, useSubmit } from './submission.tsx';

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
  const submission = useSubmit();
  const submit = submission.onSubmit((form) => {
    const data = new FormData(form);
    return props.action(data, String(data.get('effective')));
  });
  return (
    <details class="action" open={props.open} onToggle={(e) => props.onToggle?.(e.currentTarget.open)}>
      <summary>{props.title}</summary>
      <form class="stack" onSubmit={submit}>
        {props.children}
        <label for={`${props.id}-effective`}>{t('org.effective')}</label>
        <input id={`${props.id}-effective`} name="effective" type="date" required max={today()} value={today()} />
        <button type="submit" disabled={submission.busy()}>
          {props.submitLabel}
        </button>
      </form>
      <SubmitOutcome of={submission} />
    </details>
  );
}
