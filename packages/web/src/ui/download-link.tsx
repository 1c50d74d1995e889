import { createSignal, Show, type JSX } from 'solid-js';
import { ApiError } from '../data/api.ts';
import { downloadFile } from '../data/download.ts';
import { t } from '../i18n/index.ts';
import { ErrorBox } from './error-box.tsx';

/**
 * A link to a report file. A plain click fetches it first, so that a refusal is explained on
 * the page; when the subtree is too big to make while the officer waits (report.use_archive)
 * and `onArchive` is given, the page offers to make it in the background instead.
 */
export function DownloadLink(props: { href: string; children: JSX.Element; class?: string; label?: string; onArchive?: () => Promise<boolean> }) {
  const [error, setError] = createSignal<unknown>(null);
  const [busy, setBusy] = createSignal(false);
  const [archived, setArchived] = createSignal(false);
  const click = async (event: MouseEvent) => {
    // A click with a modifier (new tab, save as) is the browser's to handle.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (busy()) return;
    setBusy(true);
    setError(null);
    setArchived(false);
    try {
      await downloadFile(props.href);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const tooBig = () => error() instanceof ApiError && (error() as ApiError).code === 'report.use_archive';
  const archive = async () => {
    if (!(await props.onArchive!())) return;
    setError(null);
    setArchived(true);
  };
  return (
    <>
      <a href={props.href} download="" class={props.class} aria-label={props.label} aria-busy={busy() ? 'true' : undefined} onClick={click}>
        {props.children}
      </a>
      <Show when={busy()}>
        <span class="muted" role="status">
          {' '}
          {t('download.busy')}
        </span>
      </Show>
      <Show when={error()}>
        {(err) => (
          <div class="download-problem">
            <ErrorBox error={err()} />
            <Show when={tooBig() && props.onArchive}>
              <button type="button" onClick={archive}>
                {t('download.makeArchive')}
              </button>
            </Show>
          </div>
        )}
      </Show>
      <Show when={archived()}>
        <p role="status" class="box ok">
          {t('download.archiving')}
        </p>
      </Show>
    </>
  );
}
