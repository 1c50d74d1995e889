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
        <button type="button" class="secondary small" aria-label={props.name} onClick={() => setAsking(true)}>
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
