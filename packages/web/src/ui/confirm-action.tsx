import { createSignal, Show } from 'solid-js';
import { SubmitOutcome, useSubmit } from './submission.tsx';

/**
 * A button in a table row whose action asks first, in the row itself: ending an exemption or
 * approving a certificate changes who counts as trained, and a stray click on a long table
 * must not do that. A refusal is shown under the question, which stays open to try again.
 */
export function ConfirmAction(props: {
  /** The button's words, short ("Duyệt"). */
  label: string;
  /** The button and the question's group as a screen reader hears them, naming the row ("Duyệt chứng chỉ của …"). */
  name: string;
  question: string;
  yes: string;
  no: string;
  /** Does it; the question closes once it is done. */
  run: () => Promise<void>;
  disabled?: boolean;
}) {
  const [asking, setAsking] = createSignal(false);
  const submission = useSubmit();
  const go = async () => {
    if (await submission.run(props.run)) setAsking(false);
  };
  return (
    <Show
      when={asking()}
      fallback={
        <button type="button" class="secondary small" aria-label={props.name} disabled={props.disabled} onClick={() => setAsking(true)}>
          {props.label}
        </button>
      }
    >
      <div class="confirm" role="group" aria-label={props.name}>
        <p>{props.question}</p>
        <div class="actions-row">
          <button type="button" class="small" disabled={submission.busy()} onClick={go}>
            {props.yes}
          </button>
          <button type="button" class="secondary small" disabled={submission.busy()} onClick={() => setAsking(false)}>
            {props.no}
          </button>
        </div>
        <SubmitOutcome of={submission} />
      </div>
    </Show>
  );
}

/**
 * A form that asks before it sends when what it sends cannot be taken back by a click (a merge,
 * a roster file applied, someone marked as having left). `mayGo(question)` is called as the
 * form is submitted: with no question, or once the question was answered yes, the form goes;
 * otherwise the question is shown and the form waits. Yes submits the form again, so its own
 * checks and its outcome stay where they are.
 */
export function createFormConfirmation() {
  const [question, setQuestion] = createSignal('');
  let agreed = false;
  const mayGo = (ask: string | null): boolean => {
    if (!ask || agreed) {
      agreed = false;
      setQuestion('');
      return true;
    }
    setQuestion(ask);
    return false;
  };
  /** The question, with yes (which resends `form`) and no; placed just above the form's own button. */
  const Question = (props: { form: () => HTMLFormElement | undefined; yes: string; no: string }) => {
    return (
      <Show when={question()}>
        <div class="confirm" role="group" aria-label={props.yes}>
          {/* Focused, not the yes button: Enter pressed twice must not do what is being asked about. */}
          <p tabindex="-1" ref={(p) => queueMicrotask(() => p.focus())}>
            {question()}
          </p>
          <div class="actions-row">
            <button
              type="button"
              class="small"
              onClick={() => {
                agreed = true;
                props.form()?.requestSubmit();
              }}
            >
              {props.yes}
            </button>
            <button type="button" class="secondary small" onClick={() => setQuestion('')}>
              {props.no}
            </button>
          </div>
        </div>
      </Show>
    );
  };
  /** True while the form is being resent after yes: a question worked out by a request need not be asked again. */
  const answered = () => agreed;
  return { mayGo, Question, asking: () => question() !== '', answered, cancel: () => setQuestion('') };
}
