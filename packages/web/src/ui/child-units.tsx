import { createMemo, createSignal, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import type { ChildFigures } from '../data/readiness.ts';
import { formatNumber, t, type Key } from '../i18n/index.ts';
import { PercentChart } from './chart.tsx';

type Column = 'name' | 'staff' | 'trained' | 'percent' | 'gap';

/** The child units against the target: a bar chart, and a table that sorts and filters. */
export function ChildUnits(props: { children: ChildFigures[]; targetPercent: number; link: (unitId: string) => string }) {
  const [sort, setSort] = createSignal<{ by: Column; desc: boolean }>({ by: 'percent', desc: false });
  const [filter, setFilter] = createSignal('');
  const [onlyBehind, setOnlyBehind] = createSignal(false);
  const rows = createMemo(() => {
    const { by, desc } = sort();
    const needle = filter().trim().toLocaleLowerCase('vi');
    const list = props.children
      .filter((c) => (!onlyBehind() || !c.meetsTarget) && (needle === '' || c.name.toLocaleLowerCase('vi').includes(needle) || c.code.toLocaleLowerCase('vi').includes(needle)));
    list.sort((a, b) => (by === 'name' ? a.name.localeCompare(b.name, 'vi') : a[by] - b[by]) * (desc ? -1 : 1));
    return list;
  });
  const header = (by: Column, key: Key) => (
    <th scope="col" aria-sort={sort().by === by ? (sort().desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" class="link" onClick={() => setSort((s) => ({ by, desc: s.by === by ? !s.desc : false }))}>{t(key)}</button>
    </th>
  );
  return (
    <>
      <PercentChart bars label={t('readiness.childrenLabel')} labels={rows().map((c) => c.code)} values={rows().map((c) => c.percent)} target={props.targetPercent} />
      <div class="filters no-print">
        <label>{t('readiness.filter')} <input type="search" value={filter()} onInput={(e) => setFilter(e.currentTarget.value)} /></label>
        <label><input type="checkbox" checked={onlyBehind()} onChange={(e) => setOnlyBehind(e.currentTarget.checked)} /> {t('readiness.onlyBehind')}</label>
      </div>
      <p class="sr-only" role="status">{t('readiness.shown', { n: rows().length, total: props.children.length })}</p>
      <div class="table-wrap">
        <table class="children">
          <thead>
            <tr>
              {header('name', 'readiness.col.unit')}
              <th scope="col">{t('readiness.col.kind')}</th>
              {header('staff', 'readiness.col.staff')}
              {header('trained', 'readiness.col.trained')}
              {header('percent', 'readiness.col.percent')}
              {header('gap', 'readiness.col.gap')}
              <th scope="col">{t('readiness.col.meets')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(c) => (
                <tr>
                  <th scope="row"><A href={props.link(c.id)}>{c.name}</A></th>
                  <td>{t(`kind.${c.kind}` as Key)}</td>
                  <td class="num">{formatNumber(c.staff)}</td>
                  <td class="num">{formatNumber(c.trained)}</td>
                  <td class="num">{formatNumber(c.percent, 1)}%</td>
                  <td class="num">{formatNumber(c.gap)}</td>
                  <td>{c.meetsTarget ? `✓ ${t('yes')}` : t('no')}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={rows().length === 0}><p>{t('readiness.noneShown')}</p></Show>
    </>
  );
}
