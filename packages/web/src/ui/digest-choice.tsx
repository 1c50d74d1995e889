import { createResource, Show } from 'solid-js';
import { digest } from '../data/digest.ts';
import { tr } from '../i18n/reminders.ts';
import { SubmitOutcome, useSubmit } from './submission.tsx';

/**
 * For an HR officer or a named head of unit: what the weekly digest is and a switch to turn
 * it (and the "không kịp hạn" messages) off or on; shown to nobody else. Learners' own
 * reminders are not optional and have no switch.
 */
export function DigestChoice() {
  const [status, { mutate }] = createResource(() => digest.status());
  const submission = useSubmit();
  const change = (receive: boolean) =>
    submission.run(async () => {
      mutate(await digest.optOut(!receive));
      return receive ? tr('digest.on') : tr('digest.off');
    });
  return (
    <Show when={status() && (status()!.officer || status()!.heads.length > 0) ? status() : undefined}>
      {(s) => (
        <section aria-labelledby="digest-title" class="box">
          <h2 id="digest-title">{tr('digest.title')}</h2>
          <Show when={s().officer}>
            <p>{tr('digest.officer')}</p>
          </Show>
          <Show when={s().heads.length > 0}>
            <p>
              {tr('digest.head', {
                units: s()
                  .heads.map((h) => h.name)
                  .join(', '),
              })}
            </p>
          </Show>
          <p>
            <label>
              <input type="checkbox" checked={!s().optedOut} disabled={submission.busy()} onChange={(e) => void change(e.currentTarget.checked)} />{' '}
              {tr('digest.receive')}
            </label>
          </p>
          <SubmitOutcome of={submission} />
        </section>
      )}
    </Show>
  );
}
