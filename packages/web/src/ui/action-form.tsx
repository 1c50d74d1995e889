import type { JSX } from 'solid-js';
import { t, today } from '../i18n/index.ts';
import { SubmitOutcome, useSubmit } from './submission.tsx';
import { createFormConfirmation } from './confirm-action.tsx';
import { DateInput } from './date-input.tsx';

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
  /** What to ask before a change that cannot be undone by a click (null: nothing to ask for this input). */
  confirm?: (form: FormData, effective: string) => string | null;
  confirmYes?: string;
  open?: boolean;
  onToggle?: (open: boolean) => void;
}) {
  const submission = useSubmit();
  const confirmation = createFormConfirmation();
  let formElement: HTMLFormElement | undefined;
  const submit = submission.onSubmit(async (form) => {
    const data = new FormData(form);
    const effective = String(data.get('effective'));
    if (!confirmation.mayGo(props.confirm?.(data, effective) ?? null)) return;
    return props.action(data, effective);
  });
  return (
    <details class="action" open={props.open} onToggle={(e) => props.onToggle?.(e.currentTarget.open)}>
      <summary>{props.title}</summary>
      <form class="stack" onSubmit={submit} ref={formElement}>
        {props.children}
        <label for={`${props.id}-effective`}>{t('org.effective')}</label>
        <DateInput id={`${props.id}-effective`} name="effective" required max={today()} value={today()} />
        <confirmation.Question form={() => formElement} yes={props.confirmYes ?? props.submitLabel} no={t('confirm.no')} />
        <button type="submit" disabled={submission.busy() || confirmation.asking()}>
          {props.submitLabel}
        </button>
      </form>
      <SubmitOutcome of={submission} />
    </details>
  );
}
