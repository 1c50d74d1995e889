import { createResource, createSignal, For, Match, Show, Switch } from 'solid-js';
import { archiveKinds, reports, type ArchiveKind } from '../data/readiness.ts';
import { formatDateTime, formatNumber, t, type Key } from '../i18n/index.ts';
import { ErrorBox } from './error-box.tsx';

/** A fresh Idempotency-Key: random enough, and available on plain http too (unlike randomUUID). */
const newKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const kindLabel = (kind: ArchiveKind) => t(`archives.kind.${kind}` as Key);

/**
 * A unit's saved reports and how to ask for one. One key is kept until a request succeeds,
 * so a double click or a retried request makes one archive; the next request gets a new key.
 */
export function createArchives(unitId: () => string) {
  const [list, { refetch }] = createResource(unitId, (unit) => reports.archives(unit));
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<unknown>(null);
  let key = newKey();
  let polling = false;
  const unfinished = () => list.latest?.archives.some((a) => a.status === 'pending' || a.status === 'running') ?? false;
  // Files are made in the background; look again until they are ready (a minute at most).
  const poll = async () => {
    if (polling) return;
    polling = true;
    for (let i = 0; i < 60 && unfinished(); i++) {
      await wait(1000);
      await refetch();
    }
    polling = false;
  };
  const create = async (kind: ArchiveKind): Promise<boolean> => {
    if (busy()) return false;
    setBusy(true);
    setError(null);
    try {
      await reports.createArchive(unitId(), kind, key);
      key = newKey();
      await refetch();
      void poll();
      return true;
    } catch (err) {
      setError(err);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { list, create, busy, error };
}

export type ArchivesState = ReturnType<typeof createArchives>;

/** Saved reports of a unit: made in the background, kept unchanged, each with its hash. */
export function Archives(props: { unitId: string; state: ArchivesState }) {
  const [kind, setKind] = createSignal<ArchiveKind>('completions.csv');
  const archives = () => props.state.list.latest?.archives ?? [];
  return (
    <section aria-labelledby="archives-title">
      <h2 id="archives-title">{t('archives.title')}</h2>
      <p class="muted">{t('archives.intro')}</p>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          void props.state.create(kind());
        }}
      >
        <div class="field">
          <label for="archive-kind">{t('archives.kind')}</label>
          <select id="archive-kind" value={kind()} onChange={(e) => setKind(e.currentTarget.value as ArchiveKind)}>
            <For each={archiveKinds}>{(k) => <option value={k}>{kindLabel(k)}</option>}</For>
          </select>
        </div>
        <button type="submit" disabled={props.state.busy()}>
          {t('archives.create')}
        </button>
      </form>
      <Show when={props.state.error()}>{(err) => <ErrorBox error={err()} />}</Show>
      <Show when={archives().length > 0} fallback={<p>{t('archives.empty')}</p>}>
        <ul class="archives" aria-live="polite">
          <For each={archives()}>
            {(a) => (
              <li>
                <Switch>
                  <Match when={a.status === 'ready'}>
                    <a href={reports.archiveUrl(props.unitId, a.id)} download="">
                      {t('archives.download', { kind: kindLabel(a.kind), date: formatDateTime(a.createdAt) })}
                    </a>
                    <Show when={a.bytes}>{(bytes) => <> · {t('archives.size', { kb: formatNumber(bytes() / 1024, 1) })}</>}</Show>{' '}
                    <code title="SHA-256">{a.sha256?.slice(0, 16)}…</code>
                  </Match>
                  <Match when={a.status === 'pending' || a.status === 'running'}>
                    {kindLabel(a.kind)}, {formatDateTime(a.createdAt)}: {t('archives.pending')}
                  </Match>
                  <Match when={a.status === 'failed'}>
                    {kindLabel(a.kind)}, {formatDateTime(a.createdAt)}: {t('archives.failed')}
                  </Match>
                </Switch>
                <Show when={a.scheduleId}> · {t('archives.scheduled')}</Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
