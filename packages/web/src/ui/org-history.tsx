import { Show } from 'solid-js';
import type { OrgView, UnitEvent } from '../data/org.ts';
import { formatDate, formatDateTime, formatNumber, t, type Key } from '../i18n/index.ts';
import { DataTable } from './data-table.tsx';

type Snapshot = { name?: string; code?: string; kind?: string; level?: string };

/** What an event changed, in a sentence; units are named where this page knows them. */
function describe(event: UnitEvent, nameOf: (id: unknown) => string): string {
  const d = event.detail;
  switch (event.action) {
    case 'created':
      return t('org.history.createdDetail', { name: String(d.name ?? '') });
    case 'renamed':
    case 'changed': {
      const before = (d.before ?? {}) as Snapshot;
      const after = (d.after ?? {}) as Snapshot;
      const label = (field: keyof Snapshot, value?: string) =>
        field === 'kind' ? t(`kind.${value}` as Key) : field === 'level' ? t(`level.${value}` as Key) : (value ?? '');
      return (['name', 'code', 'kind', 'level'] as const)
        .filter((f) => before[f] !== after[f])
        .map((f) => `${t(`org.field.${f}` as Key)}: ${label(f, before[f])} → ${label(f, after[f])}`)
        .join('; ');
    }
    case 'moved':
      return t('org.history.movedDetail', { from: nameOf(d.fromParentId), to: nameOf(d.toParentId) });
    case 'merged':
      return t('org.history.mergedDetail', { into: nameOf(d.mergedInto) });
    case 'absorbed':
      return t('org.history.absorbedDetail', {
        sources: ((d.sources ?? []) as { name: string }[]).map((s) => s.name).join(', '),
        people: formatNumber(Number(d.people ?? 0)),
        units: formatNumber(Number(d.units ?? 0)),
      });
    case 'dissolved':
      return '';
  }
}

/** A unit's changes, newest first, with their effective date and who recorded them. */
export function OrgHistory(props: { view: OrgView }) {
  const names = () =>
    new Map<string, string>([
      ...props.view.ancestors.map((a) => [a.id, a.name] as [string, string]),
      ...[...props.view.children, ...props.view.former, props.view.unit].map((u) => [u.id, u.name] as [string, string]),
    ]);
  const nameOf = (id: unknown) => (id ? (names().get(String(id)) ?? String(id)) : '—');
  const events = () => [...props.view.history].sort((a, b) => b.effective.localeCompare(a.effective) || b.at.localeCompare(a.at));
  return (
    <Show when={events().length > 0} fallback={<p>{t('org.history.empty')}</p>}>
      <DataTable
        rows={events()}
        columns={[
          { title: () => t('org.history.effective'), cell: (e) => formatDate(e.effective) },
          { title: () => t('org.history.action'), cell: (e) => t(`org.history.${e.action}` as Key), rowHeader: true },
          { title: () => t('org.history.detail'), cell: (e) => describe(e, nameOf) },
          {
            title: () => t('org.history.by'),
            cell: (e) => (
              <>
                {e.by}
                <br />
                <span class="muted">{formatDateTime(e.at)}</span>
              </>
            ),
          },
        ]}
      />
    </Show>
  );
}
