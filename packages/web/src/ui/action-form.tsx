import { Show, type JSX } from 'solid-js';
import { t, today } from '../i18n/index.ts';
import { to } from '../i18n/org.ts';
import { SubmitOutcome, useSubmit } from './submission.tsx';
import { createFormConfirmation } from './confirm-action.tsx';
import { DateInput } from './date-input.tsx';

/**
 * One change to the org tree: its fields, the date it takes effect (today unless said
 * otherwise, later only for a change that can be scheduled), and the server's answer — what was done, or what is wrong and where.
 */
export function ActionForm(props: {
  id: string;
  title: string;
  submitLabel: string;
  children: JSX.Element;
  /** Does the change; returns the sentence that says it was done. */
  action: (form: FormData, effective: string) => Promise<string>;
  /**
   * What to ask before a change that cannot be simply undone (null: nothing to ask for this
   * input); it may be worked out by a request (a merge's preview), asked once per question.
   */
  confirm?: (form: FormData, effective: string) => string | null | Promise<string | null>;
  confirmYes?: string;
  /** Shown above the question (a merge's preview of who moves where). */
  preview?: JSX.Element;
  /** Shown under the sentence that says it was done (an undo button). */
  outcome?: JSX.Element;
  /** The latest effective date the form takes: today unless the change can be scheduled (null: any day). */
  latest?: string | null;
  open?: boolean;
  onToggle?: (open: boolean) => void;
}) {
  const submission = useSubmit();
  const confirmation = createFormConfirmation();
  let formElement: HTMLFormElement | undefined;
  const submit = submission.onSubmit(async (form) => {
    const data = new FormData(form);
    const effective = String(data.get('effective'));
    const ask = confirmation.answered() ? null : ((await props.confirm?.(data, effective)) ?? null);
    if (!confirmation.mayGo(ask)) return;
    return props.action(data, effective);
  });
  return (
    <details class="action" open={props.open} onToggle={(e) => props.onToggle?.(e.currentTarget.open)}>
      <summary>{props.title}</summary>
      <form class="stack" onSubmit={submit} ref={formElement}>
        {props.children}
        <label for={`${props.id}-effective`}>{to('effective')}</label>
        <DateInput id={`${props.id}-effective`} name="effective" required max={props.latest === null ? undefined : (props.latest ?? today())} value={today()} />
        <Show when={confirmation.asking()}>{props.preview}</Show>
        <confirmation.Question form={() => formElement} yes={props.confirmYes ?? props.submitLabel} no={t('confirm.no')} />
        <button type="submit" disabled={submission.busy() || confirmation.asking()}>
          {props.submitLabel}
        </button>
      </form>
      <SubmitOutcome of={submission}>{props.outcome}</SubmitOutcome>
    </details>
  );
}
