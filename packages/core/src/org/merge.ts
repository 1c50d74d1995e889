import * as v from 'valibot';
import { randomUUID } from 'node:crypto';
import { Audit } from '../audit/index.ts';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import { Person } from '../person/index.ts';
import { changePeople } from '../readiness/person-change.ts';
import type { MergeRecord, NamedUnit } from './change-schema.ts';
import { Org } from './index.ts';
import { Actor, Name, datedInput, active, close, createUnit, membersOf, moveUnit, unitIdFor, type UnitEvent } from './reorganise.ts';
import { claimMergeUndo, getMergeRecords, listEvents, putEvent, putMergeRecord, putReopenedUnit } from './store.ts';

/** How long after a merge an admin can take it back with one click. */
export const UNDO_HOURS = 24;
/** A preview names this many people of each unit merged; the rest are counted. */
export const PREVIEW_NAMES = 50;

export const MergeInto = v.union([
  v.object({ unitId: Org.Id }),
  v.object({ code: Org.Code, name: Name, kind: Org.Kind, level: v.optional(Org.Level), parentId: Org.Id }),
]);
export const MergeSources = v.pipe(v.array(Org.Id), v.minLength(1, 'cần ít nhất một đơn vị được hợp nhất'));
const named = (u: NamedUnit): NamedUnit => ({ id: u.id, name: u.name });

type Prepared = {
  sources: { unit: Org.Info; children: Org.Info[]; people: Person.Info[] }[];
  /** The unit merged into; for a new one, as it will be made (not stored yet). */
  into: Org.Info;
  intoExists: boolean;
};

/**
 * Every check a merge makes before it changes anything, and what it would move: shared by
 * the preview, the merge itself and scheduling one, so the three never disagree.
 */
async function prepare(input: { sourceIds: string[]; into: v.InferOutput<typeof MergeInto> }): Promise<Prepared> {
  const sources = await Promise.all([...new Set(input.sourceIds)].map(active));
  let into: Org.Info;
  if ('unitId' in input.into) into = await active(input.into.unitId);
  else {
    const parent = await active(input.into.parentId);
    const id = unitIdFor(input.into.code);
    if (!id) throw new VisibleError('org.code_invalid', `Mã "${input.into.code}" cần có chữ hoặc số.`);
    if ((await Org.getMap([id])).has(id)) throw new VisibleError('org.code_taken', `Đã có đơn vị mã "${input.into.code}".`);
    into = Org.make({ id, code: input.into.code, name: input.into.name, kind: input.into.kind, level: input.into.level }, parent);
  }
  for (const s of sources) {
    // A unit ticked both as merged and as the one merged into is refused, never silently dropped from either.
    if (s.id === into.id || into.ancestors.includes(s.id)) {
      throw new VisibleError('org.merge_cycle', `Không thể hợp nhất "${s.name}" vào chính nó hoặc vào đơn vị cấp dưới của nó.`);
    }
  }
  const moving = await Promise.all(sources.map(async (unit) => ({ unit, children: await Org.children(unit.id), people: await membersOf(unit.id) })));
  return { sources: moving, into, intoExists: 'unitId' in input.into };
}

type NewInto = Extract<v.InferOutput<typeof MergeInto>, { code: string }>;
const MergeInput = v.object({ sourceIds: MergeSources, into: MergeInto });

/** What a merge would do, changing nothing: for each unit merged, its child units and who moves, into which unit. */
export const planMerge = fn(MergeInput, async (input) => {
  const { sources, into, intoExists } = await prepare(input);
  return {
    into: { id: into.id, code: into.code, name: into.name, exists: intoExists },
    sources: sources.map(({ unit, children, people }) => ({
      id: unit.id,
      code: unit.code,
      name: unit.name,
      units: children.map((c) => ({ id: c.id, code: c.code, name: c.name })),
      people: people.length,
      // Who still works there first: those who left move too, for their history, but matter less.
      names: [...people]
        .sort((a, b) => Number(a.status !== 'active') - Number(b.status !== 'active'))
        .slice(0, PREVIEW_NAMES)
        .map((p) => p.fullName),
    })),
    people: sources.reduce((n, s) => n + s.people.length, 0),
    units: sources.reduce((n, s) => n + s.children.length, 0),
  };
});
export type MergePlan = Awaited<ReturnType<typeof planMerge>>;

/**
 * Merges units into one (an existing unit, or a new one made for the merge): their child
 * units and their people — with completions, trained marks and history, and those who
 * left — move into it, then each merged unit is closed with the effective date. Weekly
 * snapshots from before keep the old units, so past reports still add up. What moved is
 * recorded so the merge can be undone within `UNDO_HOURS`.
 */
export const mergeUnits = fn(
  datedInput({ sourceIds: MergeSources, into: MergeInto, actor: Actor }),
  async (input): Promise<{ into: Org.Info; people: number; units: number; mergeId: string; undoUntil: string }> => {
    const prepared = await prepare(input);
    const into = prepared.intoExists
      ? prepared.into
      : await createUnit({ ...(input.into as NewInto), effective: input.effective, today: input.today, actor: input.actor });
    const mergeId = `${into.id}.${randomUUID().slice(0, 8)}`;
    const moved: Pick<MergeRecord, 'units' | 'people'> = { units: [], people: [] };
    for (const { unit: source, children, people } of prepared.sources) {
      for (const child of children) {
        await moveUnit({
          unitId: child.id,
          parentId: into.id,
          effective: input.effective,
          today: input.today,
          actor: input.actor,
          reason: `merge:${source.id}`,
        });
        moved.units.push({ id: child.id, fromParentId: source.id });
      }
      await changePeople(
        people.map((m) => ({ personId: m.id, next: (p) => ({ ...p!, unitId: into.id }), reason: 'merge' })),
        { actor: input.actor, effective: input.effective },
      );
      moved.people.push(...people.map((p) => ({ id: p.id, fromUnitId: source.id })));
      await close(source, 'merged', input.effective, input.actor, into.id);
    }
    const sources = prepared.sources.map(({ unit }) => named(unit));
    const counts = { people: moved.people.length, units: moved.units.length };
    const at = new Date().toISOString();
    const event = { effective: input.effective, at, by: input.actor };
    await putEvent(into.id, { ...event, action: 'absorbed', detail: { sources, ...counts, mergeId } });
    for (const parentId of parentsOf(prepared.sources.map((s) => s.unit))) {
      await putEvent(parentId, { ...event, action: 'merged-below', detail: { sources, into: named(into), ...counts, mergeId } });
    }
    const undoUntil = new Date(Date.parse(at) + UNDO_HOURS * 3600_000).toISOString();
    await putMergeRecord({
      id: mergeId,
      at,
      by: input.actor,
      effective: input.effective,
      into: { ...named(into), created: !prepared.intoExists },
      sources: prepared.sources.map(({ unit }) => ({ ...named(unit), parentId: unit.parentId })),
      ...moved,
      undoUntil,
    });
    await Audit.record({
      actor: input.actor,
      action: 'org.merge',
      unitId: into.id,
      detail: { sources: sources.map((s) => s.id), ...counts, effective: input.effective, mergeId },
    });
    return { into, ...counts, mergeId, undoUntil };
  },
);

/** The parents the merged units hung from: their histories record the merge too. */
const parentsOf = (units: Org.Info[]) => [...new Set(units.map((u) => u.parentId).filter((id): id is string => id !== null))];

/** The merges among `events` whose undo window is still open at `now`: the ids a page may offer to undo. */
export async function undoableMerges(events: UnitEvent[], now = new Date()): Promise<{ mergeId: string; undoUntil: string }[]> {
  const since = new Date(now.getTime() - UNDO_HOURS * 3600_000).toISOString();
  const ids = events.flatMap((e) => ((e.action === 'absorbed' || e.action === 'merged-below') && e.at >= since && e.detail.mergeId ? [e.detail.mergeId] : []));
  if (ids.length === 0) return [];
  return (await getMergeRecords(ids)).filter((r) => !r.undone && r.undoUntil > now.toISOString()).map((r) => ({ mergeId: r.id, undoUntil: r.undoUntil }));
}

export async function getMergeRecord(mergeId: string): Promise<MergeRecord> {
  const [record] = mergeId.includes('.') ? await getMergeRecords([mergeId]) : [];
  if (!record) throw new VisibleError('org.merge_not_found', 'Không tìm thấy lần hợp nhất này.');
  return record;
}

const stale = (why: string) =>
  new VisibleError('org.undo_stale', `Không thể hoàn tác: ${why} sau khi hợp nhất. Hãy chuyển người và đơn vị về từng đơn vị cũ nếu cần.`);

/**
 * Takes a merge back while its window is open and nothing changed the units involved since:
 * the merged units are active again, their child units and people go back to them (counters
 * follow, as for any move), and a unit made for the merge is closed again.
 */
export const undoMerge = fn(v.object({ mergeId: v.string(), actor: Actor, now: v.optional(v.date()) }), async (input): Promise<MergeRecord> => {
  const now = input.now ?? new Date();
  const record = await getMergeRecord(input.mergeId);
  if (record.undone) throw new VisibleError('org.undo_done', 'Lần hợp nhất này đã được hoàn tác.');
  if (record.undoUntil <= now.toISOString()) {
    throw new VisibleError('org.undo_expired', `Đã quá ${UNDO_HOURS} giờ kể từ khi hợp nhất; không thể hoàn tác bằng một thao tác nữa.`);
  }
  const into = await Org.get(record.into.id);
  const [units, people, histories] = await Promise.all([
    Org.getMap([...record.sources.map((s) => s.id), ...record.units.map((u) => u.id)]),
    Promise.all(record.people.map((p) => Person.get(p.id))),
    Promise.all([into.id, ...record.sources.map((s) => s.id)].map(listEvents)),
  ]);
  if (into.status !== 'active') throw stale(`"${into.name}" đã được hợp nhất hoặc giải thể`);
  if (histories.flat().some((e) => e.at > record.at)) throw stale('các đơn vị liên quan đã có thay đổi khác');
  if (record.sources.some((s) => units.get(s.id)?.status !== 'merged' || units.get(s.id)?.mergedInto !== into.id)) throw stale('một đơn vị cũ đã thay đổi');
  if (record.units.some((u) => units.get(u.id)?.parentId !== into.id)) throw stale('một đơn vị trực thuộc đã được chuyển đi');
  const movedAway = people.find((p) => p.unitId !== into.id);
  if (movedAway) throw stale(`${movedAway.fullName} đã được chuyển sang đơn vị khác`);
  const undone = { at: now.toISOString(), by: input.actor };
  if (!(await claimMergeUndo(record.id, undone))) throw new VisibleError('org.undo_done', 'Lần hợp nhất này đã được hoàn tác.');

  const sources = record.sources.map(named);
  const event: UnitEvent = {
    action: 'merge-undone',
    effective: record.effective,
    at: undone.at,
    by: input.actor,
    detail: { sources, into: named(into), mergeId: record.id },
  };
  for (const s of record.sources) {
    const { until: _until, mergedInto: _into, ...was } = units.get(s.id)!;
    if (!(await putReopenedUnit({ ...was, status: 'active' }, into.id, event))) throw stale(`"${s.name}" đã thay đổi`);
  }
  for (const u of record.units) {
    await moveUnit({ unitId: u.id, parentId: u.fromParentId, effective: record.effective, actor: input.actor, reason: `merge-undone:${record.id}` });
  }
  const back = new Map(record.people.map((p) => [p.id, p.fromUnitId]));
  await changePeople(
    record.people.map((p) => ({ personId: p.id, next: (current) => ({ ...current!, unitId: back.get(p.id)! }), reason: 'merge-undone' })),
    { actor: input.actor, effective: record.effective },
  );
  // A unit made for the merge has nobody left in it: it closes, keeping its history.
  if (record.into.created) await close(into, 'dissolved', record.effective, input.actor);
  await putEvent(into.id, event);
  for (const parentId of [...new Set(record.sources.map((s) => s.parentId).filter((id): id is string => id !== null))]) await putEvent(parentId, event);
  await Audit.record({
    actor: input.actor,
    action: 'org.merge_undo',
    unitId: into.id,
    detail: { mergeId: record.id, sources: sources.map((s) => s.id), people: record.people.length, units: record.units.length, effective: record.effective },
  });
  return { ...record, undone };
});
