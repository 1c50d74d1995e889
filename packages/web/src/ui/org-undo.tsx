import { createSignal, Show } from 'solid-js';
import { org } from '../data/org.ts';
import { formatDateTime, t } from '../i18n/index.ts';
import { to } from '../i18n/org.ts';
import { ConfirmAction } from './confirm-action.tsx';

/**
 * The one-click way back from a merge while its window is open, asked first: beside the
 * sentence that says it was done, and in the history entry of the merge.
 */
export function UndoMerge(props: { mergeId: string; into: string; until: string; onUndone: () => void }) {
  const [undone, setUndone] = createSignal(false);
  return (
    <Show when={!undone()} fallback={<p role="status">{to('merge.undone', { name: props.into })}</p>}>
      <div class="undo">
        <ConfirmAction
          label={to('merge.undo')}
          name={to('merge.undoName', { name: props.into })}
          question={to('merge.undoQuestion', { name: props.into })}
          yes={to('merge.undoYes')}
          no={t('confirm.no')}
          run={async () => {
            await org.undoMerge(props.mergeId);
            setUndone(true);
            props.onUndone();
          }}
        />{' '}
        <span class="muted">{to('merge.undoUntil', { time: formatDateTime(props.until) })}</span>
      </div>
    </Show>
  );
}
