import { createEffect, createSignal, on, Show, type JSX } from 'solid-js';
import { ErrorBox } from './error-box.tsx';

/**
 * One form's submission: busy while it runs (a second press waits for the first), then the
 * sentence that says what was done or the error that says what is wrong. Every form of the
 * app keeps this state the same way, so each shows its outcome the same way.
 */
export function useSubmit() {
  const [busy, setBusy] = createSignal(false);
  const [done, setDone] = createSignal('');
  const [error, setError] = createSignal<unknown>(null);
  const clear = () => {
    setDone('');
    setError(null);
  };
  /** Runs `work`; what it returns is the sentence that says it is done. False when it failed or was already running. */
  const run = async (work: () => Promise<string | void>): Promise<boolean> => {
    if (busy()) return false;
    setBusy(true);
    clear();
    try {
      setDone((await work()) ?? '');
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  /** A form's onSubmit: the page stays where it is, and `work` gets the form that was sent. */
  const onSubmit = (work: (form: HTMLFormElement) => Promise<string | void>) => (event: SubmitEvent) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    void run(() => work(form));
  };
  return { busy, done, error, run, onSubmit, clear, fail: setError };
}

export type Submission = ReturnType<typeof useSubmit>;

/**
 * What came of a submission, where it was sent: the sentence that says it is done, or the
 * error. It is brought into view when it appears, since on a long page or a phone the answer
 * to a button otherwise lands below the fold and the press seems to have done nothing.
 * `children` are shown inside the done box, under its sentence (a link to hand over, say).
 */
export function SubmitOutcome(props: { of: Submission; children?: JSX.Element }) {
  let box: HTMLDivElement | undefined;
  createEffect(
    on([props.of.done, props.of.error], ([done, error]) => {
      if (done || error) queueMicrotask(() => box?.scrollIntoView?.({ block: 'nearest' }));
    }),
  );
  return (
    <div ref={box} class="outcome">
      <Show when={props.of.done()}>
        <div role="status" class="box ok">
          <p>{props.of.done()}</p>
          {props.children}
        </div>
      </Show>
      <Show when={props.of.error()}>{(err) => <ErrorBox error={err()} />}</Show>
    </div>
  );
}
