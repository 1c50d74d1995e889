import { createMemo, createSignal, For, Show } from 'solid-js';
import { A } from '@solidjs/router';
import type { ChildFigures } from '../data/readiness.ts';
import { formatNumber, t, type Key } from '../i18n/index.ts';
import { PercentChart, STATUS_COLOURS } from './chart.tsx';
import { DataTable, type Column } from './data-table.tsx';

type SortBy = 'name' | 'staff' | 'trained' | 'percent' | 'gap' | 'exempt';

/** The child units against the target: a bar chart, and a table that sorts and filters. */
export function ChildUnits(props: { children: ChildFigures[]; targetPercent: number; link: (unitId: string) => string }) {
  const [sort, setSort] = createSignal<{ by: SortBy; desc: boolean }>({ by: 'percent', desc: false });
  const [filter, setFilter] = createSignal('');
  const [onlyBehind, setOnlyBehind] = createSignal(false);
  const [kind, setKind] = createSignal('');
  // Departments and communes side by side compare poorly: the officer narrows to one kind.
  const kinds = createMemo(() => [...new Set(props.children.map((c) => c.kind))]);
  const rows = createMemo(() => {
    const { by, desc } = sort();
    const needle = filter().trim().toLocaleLowerCase('vi');
    const list = props.children.filter(
      (c) =>
        (!onlyBehind() || (c.applicable && !c.meetsTarget)) &&
        (kind() === '' || c.kind === kind()) &&
        (needle === '' || c.name.toLocaleLowerCase('vi').includes(needle) || c.code.toLocaleLowerCase('vi').includes(needle)),
    );
    // A unit the target does not apply to (nobody in scope) stays last whichever way the table is sorted.
    list.sort((a, b) => Number(b.applicable) - Number(a.applicable) || (by === 'name' ? a.name.localeCompare(b.name, 'vi') : a[by] - b[by]) * (desc ? -1 : 1));
    return list;
  });
  const sortable = (by: SortBy, key: Key, cell: Column<ChildFigures>['cell'], more: Partial<Column<ChildFigures>> = {}): Column<ChildFigures> => ({
    title: () => (
      <button type="button" class="link" onClick={() => setSort((s) => ({ by, desc: s.by === by ? !s.desc : false }))}>
        {t(key)}
      </button>
    ),
    sort: () => (sort().by === by ? (sort().desc ? 'descending' : 'ascending') : 'none'),
    cell,
    ...more,
  });
  const count = (by: 'staff' | 'trained' | 'gap' | 'exempt', key: Key) => sortable(by, key, (c) => formatNumber(c[by]), { num: true });
  const columns: Column<ChildFigures>[] = [
    sortable('name', 'readiness.col.unit', (c) => <A href={props.link(c.id)}>{c.name}</A>, { rowHeader: true }),
    { title: () => t('readiness.col.kind'), cell: (c) => t(`kind.${c.kind}` as Key) },
    count('staff', 'readiness.col.staff'),
    count('trained', 'readiness.col.trained'),
    sortable('percent', 'readiness.col.percent', (c) => (c.applicable ? `${formatNumber(c.percent, 1)}%` : '—'), { num: true }),
    count('gap', 'readiness.col.gap'),
    count('exempt', 'readiness.col.exempt'),
    {
      title: () => t('readiness.col.meets'),
      cell: (c) => (!c.applicable ? t('readiness.notApplicable') : c.meetsTarget ? `✓ ${t('yes')}` : t('no')),
    },
  ];
  const charted = () => rows().filter((c) => c.applicable);
  return (
    <>
      {/* Where the target applies to no child unit there is nothing to chart, and no "chưa đạt" to show. */}
      <Show when={props.children.some((c) => c.applicable)}>
        <PercentChart
          bars
          label={t('readiness.childrenLabel')}
          labels={charted().map((c) => c.name)}
          values={charted().map((c) => c.percent)}
          colours={charted().map((c) => (c.meetsTarget ? STATUS_COLOURS.meets : STATUS_COLOURS.behind))}
          target={props.targetPercent}
        />
        {/* Words and marks, not colour alone: the bar's status is also in the table's last column. */}
        <ul class="chart-legend">
          <li>
            <span class="swatch" style={{ background: STATUS_COLOURS.meets }} />✓ {t('readiness.legend.meets')}
          </li>
          <li>
            <span class="swatch" style={{ background: STATUS_COLOURS.behind }} />✗ {t('readiness.legend.behind')}
          </li>
          <li>
            <span class="swatch target" />
            {t('readiness.legend.target', { n: formatNumber(props.targetPercent) })}
          </li>
          <Show when={props.children.some((c) => !c.applicable)}>
            <li>{t('readiness.legend.notApplicable')}</li>
          </Show>
        </ul>
      </Show>
      <div class="filters no-print">
        <label>
          {t('readiness.filter')} <input type="search" value={filter()} onInput={(e) => setFilter(e.currentTarget.value)} />
        </label>
        <Show when={kinds().length > 1}>
          <label>
            {t('readiness.kindFilter')}{' '}
            <select value={kind()} onChange={(e) => setKind(e.currentTarget.value)}>
              <option value="">{t('readiness.kindAll')}</option>
              <For each={kinds()}>{(k) => <option value={k}>{t(`kind.${k}` as Key)}</option>}</For>
            </select>
          </label>
        </Show>
        <label>
          <input type="checkbox" checked={onlyBehind()} onChange={(e) => setOnlyBehind(e.currentTarget.checked)} /> {t('readiness.onlyBehind')}
        </label>
      </div>
      <p class="sr-only" role="status">
        {t('readiness.shown', { n: rows().length, total: props.children.length })}
      </p>
      <DataTable class="children" rows={rows()} columns={columns} />
      <Show when={rows().length === 0}>
        <p>{t('readiness.noneShown')}</p>
      </Show>
    </>
  );
}
