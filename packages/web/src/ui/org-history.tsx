import { Show } from 'solid-js';
import type { OrgView, UnitEvent } from '../data/org.ts';
import { formatDay, formatDateTime, formatNumber, t, type Key } from '../i18n/index.ts';
import { to, type OrgKey } from '../i18n/org.ts';
import { DataTable } from './data-table.tsx';
import { UndoMerge } from './org-undo.tsx';

/** What an event changed, in a sentence; units are named where this page knows them. */
function describe(event: UnitEvent, nameOf: (id: unknown) => string): string {
  switch (event.action) {
    case 'created':
      return to('history.createdDetail', { name: event.detail.name });
    case 'renamed':
    case 'changed': {
      const { before, after } = event.detail;
      const label = (field: keyof typeof before, value: string) =>
        field === 'kind' ? t(`kind.${value}` as Key) : field === 'level' ? t(`level.${value}` as Key) : value;
      return (['name', 'code', 'kind', 'level'] as const)
        .filter((f) => before[f] !== after[f])
        .map((f) => `${to(`field.${f}` as OrgKey)}: ${label(f, before[f])} → ${label(f, after[f])}`)
        .join('; ');
    }
    case 'moved':
      return to('history.movedDetail', { from: nameOf(event.detail.fromParentId), to: nameOf(event.detail.toParentId) });
    case 'merged':
      return to('history.mergedDetail', { into: nameOf(event.detail.mergedInto) });
    case 'absorbed':
      return to('history.absorbedDetail', {
        sources: (event.detail.sources ?? []).map((s) => s.name).join(', '),
        people: formatNumber(event.detail.people),
        units: formatNumber(event.detail.units),
      });
    case 'merged-below':
      return to('history.mergedBelowDetail', {
        sources: event.detail.sources.map((s) => s.name).join(', '),
        into: event.detail.into.name,
        people: formatNumber(event.detail.people),
        units: formatNumber(event.detail.units),
      });
    case 'merge-undone':
      return to('history.mergeUndoneDetail', { sources: event.detail.sources.map((s) => s.name).join(', '), into: event.detail.into.name });
    case 'dissolved':
      return '';
  }
}

/** The merge an entry records, if its undo window is still open. */
function openMerge(event: UnitEvent, view: OrgView) {
  if (event.action !== 'absorbed' && event.action !== 'merged-below') return null;
  const mergeId = event.detail.mergeId;
  const open = view.undoable.find((u) => u.mergeId === mergeId);
  return open ? { ...open, into: event.action === 'merged-below' ? event.detail.into.name : view.unit.name } : null;
}

/** A unit's changes, newest first, with their effective date and who recorded them; an admin may undo a recent merge from its entry. */
export function OrgHistory(props: { view: OrgView; admin?: boolean; onChanged?: () => void }) {
  const names = () =>
    new Map<string, string>([
      ...props.view.ancestors.map((a) => [a.id, a.name] as [string, string]),
      ...[...props.view.children, ...props.view.former, props.view.unit].map((u) => [u.id, u.name] as [string, string]),
    ]);
  const nameOf = (id: unknown) => (id ? (names().get(String(id)) ?? String(id)) : '—');
  const events = () => [...props.view.history].sort((a, b) => b.effective.localeCompare(a.effective) || b.at.localeCompare(a.at));
  return (
    <Show when={events().length > 0} fallback={<p>{to('history.empty')}</p>}>
      <DataTable
        rows={events()}
        columns={[
          { title: () => to('history.effective'), cell: (e) => formatDay(e.effective) },
          { title: () => to('history.action'), cell: (e) => to(`history.${e.action}` as OrgKey), rowHeader: true },
          {
            title: () => to('history.detail'),
            cell: (e) => (
              <>
                {describe(e, nameOf)}
                <Show when={props.admin && openMerge(e, props.view)}>
                  {(m) => <UndoMerge mergeId={m().mergeId} into={m().into} until={m().undoUntil} onUndone={() => props.onChanged?.()} />}
                </Show>
              </>
            ),
          },
          {
            title: () => to('history.by'),
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
