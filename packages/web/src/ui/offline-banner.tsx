import { createSignal, onCleanup, Show } from 'solid-js';
import { t } from '../i18n/index.ts';

/** Says plainly when the connection is gone, and what still works. */
export function OfflineBanner() {
  const [online, setOnline] = createSignal(navigator.onLine);
  const on = () => setOnline(true);
  const off = () => setOnline(false);
  window.addEventListener('online', on);
  window.addEventListener('offline', off);
  onCleanup(() => {
    window.removeEventListener('online', on);
    window.removeEventListener('offline', off);
  });
  return (
    <Show when={!online()}>
      <p class="offline" role="status">
        {t('app.offline')}
      </p>
    </Show>
  );
}
