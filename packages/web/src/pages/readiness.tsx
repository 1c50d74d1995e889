import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import { A, useSearchParams } from '@solidjs/router';
import { api, type Readiness } from '../data/api.ts';
import { formatDate, formatNumber, t, type Key } from '../i18n/index.ts';
import { Async } from '../ui/async.tsx';
import { ProgressBar } from '../ui/progress-bar.tsx';
import { Archives } from '../ui/archives.tsx';
import { PercentChart } from '../ui/chart.tsx';

type Column = 'name' | 'staff' | 'trained' | 'percent';

export default function ReadinessPage() {
  const [search] = useSearchParams();
  const [data] = createResource(() => String(search.unit ?? ''), (unit) => api.readiness(unit || undefined));
  const [sort, setSort] = createSignal<{ by: Column; desc: boolean }>({ by: 'percent', desc: false });
  const [filter, setFilter] = createSignal('');
  const [onlyBehind, setOnlyBehind] = createSignal(false);
  const rows = createMemo(() => {
    const { by, desc } = sort();
    const needle = filter().trim().toLocaleLowerCase('vi');
    const list = (data.latest?.children ?? [])
      .filter((c) => (!onlyBehind() || !c.meetsTarget) && (needle === '' || c.name.toLocaleLowerCase('vi').includes(needle)));
    list.sort((a, b) => (by === 'name' ? a.name.localeCompare(b.name, 'vi') : a[by] - b[by]) * (desc ? -1 : 1));
    return list;
  });
  const header = (by: Column, key: Key) => (
    <th scope="col" aria-sort={sort().by === by ? (sort().desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" class="link" onClick={() => setSort((s) => ({ by, desc: s.by === by ? !s.desc : false }))}>{t(key)}</button>
    </th>
  );
  return (
    <Async of={data}>
      {(r: Readiness) => (
        <section>
          <p class="muted">{t('readiness.title')}</p>
          <h1>{r.unit.name}</h1>
          <Show when={r.unit.parentId}>
            <p><A href={`/san-sang?unit=${r.unit.parentId}`}>↑ {t('readiness.up')}</A></p>
          </Show>
          <div class="box summary">
            <p>{t('readiness.target', { title: r.target.title })}</p>
            <p class="big">{formatNumber(r.percent, 1)}%</p>
            <ProgressBar value={r.trained} max={r.staff} label={t('readiness.title')} />
            <p>{t('readiness.trainedOf', { trained: formatNumber(r.trained), staff: formatNumber(r.staff) })} · <strong>{r.meetsTarget ? t('readiness.meets') : t('readiness.notMeets')}</strong></p>
            <p class="gap"><strong>{r.gap > 0 ? t('readiness.gap', { n: formatNumber(r.gap), percent: r.target.percent }) : t('readiness.noGap', { percent: r.target.percent })}</strong></p>
            <p>{r.daysLeft >= 0 ? t('readiness.deadlineLeft', { deadline: formatDate(r.target.deadline), n: r.daysLeft }) : t('readiness.deadlinePast', { deadline: formatDate(r.target.deadline), n: -r.daysLeft })}</p>
            <p class="no-print">
              <a class="button" href={api.completionsCsvUrl(r.unit.id)} download="">{t('readiness.download')}</a>
              {' '}<button type="button" onClick={() => window.print()}>{t('readiness.print')}</button>
            </p>
          </div>
          <Show when={r.history.length > 0}>
            <h2>{t('readiness.trend')}</h2>
            <PercentChart label={t('readiness.trendLabel')} labels={r.history.map((h) => h.week.slice(5))} values={r.history.map((h) => h.percent)} target={r.target.percent} />
            <p class="sr-only">{r.history.map((h) => `${h.week}: ${formatNumber(h.percent, 1)}%`).join('; ')}</p>
          </Show>
          <h2>{t('readiness.children')}</h2>
          <Show when={r.children.length > 0} fallback={<p>{t('readiness.noChildren')}</p>}>
            <p>{t('readiness.childrenMeeting', { meets: r.children.filter((c) => c.meetsTarget).length, total: r.children.length })}</p>
            <PercentChart bars label={t('readiness.childrenLabel')} labels={rows().map((c) => c.code)} values={rows().map((c) => c.percent)} target={r.target.percent} />
            <div class="filters no-print">
              <label>{t('readiness.filter')} <input type="search" value={filter()} onInput={(e) => setFilter(e.currentTarget.value)} /></label>
              <label><input type="checkbox" checked={onlyBehind()} onChange={(e) => setOnlyBehind(e.currentTarget.checked)} /> {t('readiness.onlyBehind')}</label>
            </div>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    {header('name', 'readiness.col.unit')}
                    <th scope="col">{t('readiness.col.kind')}</th>
                    {header('staff', 'readiness.col.staff')}
                    {header('trained', 'readiness.col.trained')}
                    {header('percent', 'readiness.col.percent')}
                    <th scope="col">{t('readiness.col.meets')}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={rows()}>
                    {(c) => (
                      <tr>
                        <th scope="row"><A href={`/san-sang?unit=${c.id}`}>{c.name}</A></th>
                        <td>{t(`kind.${c.kind}` as Key)}</td>
                        <td class="num">{formatNumber(c.staff)}</td>
                        <td class="num">{formatNumber(c.trained)}</td>
                        <td class="num">{formatNumber(c.percent, 1)}%</td>
                        <td>{c.meetsTarget ? `✓ ${t('yes')}` : t('no')}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
          <div class="no-print"><Archives unitId={r.unit.id} /></div>
        </section>
      )}
    </Async>
  );
}
