import { Org } from '../org/index.ts';
import { addInto, countersOf, differences, type Counters, type Mismatch } from './counters.ts';
import { ownCounterItems, putSnapshots, snapshotItem, type StoredSnapshot } from './store.ts';

/** ISO-8601 week of a date, as `2026-W48`. */
export function isoWeek(at: Date): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * Keeps every live unit's figures for the week: its own counters, its subtree totals and
 * its children as they stand, so the weekly pace, the history chart and a report for a past
 * date read one item per unit instead of recomputing the past — and still add up after
 * units are merged or moved. Subtree totals are summed here from the own counters, bottom
 * up, so a snapshot adds up by construction. Walks the tree from its roots (one query per
 * unit, counters read a hundred at a time); run by the scheduled job, never on a request.
 * Running it twice in a week overwrites that week's snapshot with fresher figures.
 */
export async function snapshotWeek(at = new Date()): Promise<{ week: string; units: number }> {
  const order: Org.Info[] = [];
  const queue = await Org.children(null);
  while (queue.length > 0) {
    const unit = queue.shift()!;
    order.push(unit);
    queue.push(...(await Org.children(unit.id)));
  }
  const stats = new Map([...(await ownCounterItems(order.map((u) => u.id)))].map(([unitId, item]) => [unitId, countersOf(item)]));
  const items = snapshotItems(order, stats, at);
  await putSnapshots(items);
  return { week: isoWeek(at), units: items.length };
}

/**
 * The snapshot items of a tree (`units` parents first) from each unit's own counters: subtree
 * totals summed bottom up, the children as they stand. The daily job uses it on live
 * counters; the demo seed on counters recomputed for past weeks.
 */
export function snapshotItems(units: Org.Info[], own: Map<string, Counters>, at: Date): Record<string, unknown>[] {
  const week = isoWeek(at);
  const childrenOf = new Map<string, string[]>();
  for (const u of units) if (u.parentId) childrenOf.set(u.parentId, [...(childrenOf.get(u.parentId) ?? []), u.id]);
  const subtree = new Map<string, Counters>();
  for (const unit of [...units].reverse()) {
    const sum = addInto({}, own.get(unit.id) ?? {});
    for (const child of childrenOf.get(unit.id) ?? []) addInto(sum, subtree.get(child) ?? {});
    subtree.set(unit.id, sum);
  }
  return units.map((unit) =>
    snapshotItem(unit.id, week, {
      takenAt: at.toISOString(),
      name: unit.name,
      code: unit.code,
      kind: unit.kind,
      level: unit.level,
      parentId: unit.parentId,
      children: childrenOf.get(unit.id) ?? [],
      own: own.get(unit.id) ?? {},
      counters: subtree.get(unit.id)!,
    }),
  );
}

export type Snapshot = {
  week: string;
  takenAt: string;
  name: string;
  code: string;
  kind: Org.Kind;
  parentId: string | null;
  children: string[];
  own: Counters;
  counters: Counters;
};

/**
 * Checks that each stored snapshot's subtree totals are its own counters plus its children's
 * totals of the same week, as `snapshotItems` writes them. The past cannot be recounted from
 * source records (the roster of a past week is not kept), so a snapshot's own counters are
 * trusted; what it checks is that the history and past-date reports add up. Returns the
 * differences, named by unit, week and counter, and the snapshots with their totals summed again.
 */
export function checkSnapshots(items: { unitId: string; snapshot: StoredSnapshot }[]): { mismatches: Mismatch[]; repaired: StoredSnapshot[] } {
  const byWeek = new Map<string, Map<string, StoredSnapshot>>();
  for (const { unitId, snapshot: s } of items) byWeek.set(s.week, (byWeek.get(s.week) ?? new Map()).set(unitId, s));
  const mismatches: Mismatch[] = [];
  const repaired: StoredSnapshot[] = [];
  for (const week of byWeek.values()) {
    const totals = new Map<string, Counters>();
    const totalOf = (unitId: string): Counters => {
      const known = totals.get(unitId);
      if (known) return known;
      const shot = week.get(unitId);
      const sum = addInto({}, shot?.own ?? {});
      for (const child of shot?.children ?? []) addInto(sum, totalOf(child));
      totals.set(unitId, sum);
      return sum;
    };
    for (const [unitId, shot] of week) {
      const found = differences(unitId, 'snapshot', totalOf(unitId), shot.counters ?? {}, `${shot.pk}/${shot.sk}`);
      mismatches.push(...found);
      if (found.length > 0) repaired.push({ ...shot, counters: totalOf(unitId) });
    }
  }
  return { mismatches, repaired };
}
