import { createResource, onCleanup } from 'solid-js';
import { api } from '../data/api.ts';

/**
 * The content status, re-read every 2 s while the API runs beside content/ (`npm start`),
 * so the trainer pages follow edits; `onChange` runs when a re-check has happened.
 */
export function liveContent(onChange?: () => void) {
  const [status, { refetch }] = createResource(() => api.contentStatus());
  const timer = setInterval(async () => {
    if (status()?.source !== 'local') return;
    const before = status()?.revision;
    const next = await refetch();
    if (next && next.revision !== before) onChange?.();
  }, 2000);
  onCleanup(() => clearInterval(timer));
  return status;
}
