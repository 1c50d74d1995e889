import { createResource, For, Match, Show, Switch } from 'solid-js';
import { api } from '../data/api.ts';
import { formatDate, t } from '../i18n/index.ts';

/** Saved reports of a unit: made in the background, kept unchanged, each with its hash. */
export function Archives(props: { unitId: string }) {
  const [data, { refetch }] = createResource(() => props.unitId, (unit) => api.archives(unit));
  const create = async () => {
    await api.createArchive(props.unitId);
    await refetch();
    // The file is made in the background; look again until it is ready.
    for (let i = 0; i < 20 && data()?.archives.some((a) => a.status === 'pending' || a.status === 'running'); i++) {
      await new Promise((r) => setTimeout(r, 500));
      await refetch();
    }
  };
  return (
    <section>
      <h2>{t('archives.title')}</h2>
      <p class="muted">{t('archives.intro')}</p>
      <button type="button" onClick={create}>{t('archives.create')}</button>
      <Show when={(data()?.archives.length ?? 0) > 0} fallback={<p>{t('archives.empty')}</p>}>
        <ul class="archives">
          <For each={data()!.archives}>
            {(a) => (
              <li>
                <Switch>
                  <Match when={a.status === 'ready'}>
                    <a href={api.archiveUrl(props.unitId, a.id)} download="">{t('archives.download', { date: `${formatDate(a.createdAt)} ${new Date(a.createdAt).toLocaleTimeString()}` })}</a>
                    {' '}<code title="SHA-256">{a.sha256?.slice(0, 16)}…</code>
                  </Match>
                  <Match when={a.status === 'pending' || a.status === 'running'}>{formatDate(a.createdAt)}: {t('archives.pending')}</Match>
                  <Match when={a.status === 'failed'}>{formatDate(a.createdAt)}: {t('archives.failed')}</Match>
                </Switch>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
