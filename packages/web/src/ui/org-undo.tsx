import { createSignal, Show } from 'solid-js';
import { org } from '../data/org.ts';
import { formatDateTime, t } from '../i18n/index.ts';
import { ConfirmAction } from './confirm-action.tsx';

/**
 * The one-click way back from a merge while its window is open, asked first: beside the
 * sentence that says it was done, and in the history entry of the merge.
 */
export function UndoMerge(props: { mergeId: string; into: string; until: string; onUndone: () => void }) {
  const [undone, setUndone] = createSignal(false);
  return (
    <Show when={!undone()} fallback={<p role="status">{t('org.merge.undone', { name: props.into })}</p>}>
      <div class="undo">
        <ConfirmAction
          label={t('org.merge.undo')}
          name={t('org.merge.undoName', { name: props.into })}
          question={t('org.merge.undoQuestion', { name: props.into })}
          yes={t('org.merge.undoYes')}
          no={t('confirm.no')}
          run={async () => {
            await org.undoMerge(props.mergeId);
            setUndone(true);
            props.onUndone();
          }}
        />{' '}
        <span class="muted">{t('org.merge.undoUntil', { time: formatDateTime(props.until) })}</span>
      </div>
    </Show>
  );
}
