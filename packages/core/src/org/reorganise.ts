import * as v from 'valibot';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import { Person } from '../person/index.ts';
import { rollup, sweepRollups, transferItems } from '../readiness/contribution.ts';
import { ownCountersOf, subtreeOf } from '../readiness/counters.ts';
import { changePeople } from '../readiness/person-change.ts';
import { retrain } from '../readiness/retrain.ts';
import { moveDeltas, ownersOf, type Owners } from '../readiness/reach.ts';
import { Target } from '../target/index.ts';
import { Org } from './index.ts';
import { listEvents, putChangedUnit, putClosedUnit, putMovedUnit, putNewUnit, putUnits } from './store.ts';
import { Audit } from '../audit/index.ts';
import { vnDay } from '../vn-day.ts';

/** What a change left of a unit's identifying fields, before and after. */
type UnitFields = Pick<Org.Info, 'name' | 'code' | 'kind' | 'level'>;
/** One change in a unit's history; its detail depends on the kind of change (the web app reads it typed). */
export type UnitEvent = { effective: string; at: string; by: string } & (
  | { action: 'created'; detail: { name: string; parentId: string | null; source?: 'import' } }
  | { action: 'renamed' | 'changed'; detail: { before: UnitFields; after: UnitFields } }
  | { action: 'moved'; detail: { fromParentId: string | null; toParentId: string; reason: string } }
  | { action: 'merged' | 'dissolved'; detail: { mergedInto?: string } }
  | { action: 'absorbed'; detail: { sources: Named[]; people: number; units: number; mergeId?: string } }
  // On the parent of the merged units: a merge of children belongs to its history too.
  | { action: 'merged-below'; detail: { sources: Named[]; into: Named; people: number; units: number; mergeId: string } }
  | { action: 'merge-undone'; detail: { sources: Named[]; into: Named; mergeId: string } }
);
type Named = { id: string; name: string };

export const effectiveMessage = 'ngày hiệu lực không được sau hôm nay; một thay đổi về sau hãy lên lịch cho ngày đó';
/** yyyy-mm-dd, not after today: a change is recorded when it has happened (or scheduled for it: scheduled.ts). */
export const Effective = v.pipe(
  v.string('ngày hiệu lực phải có dạng 2025-07-01'),
  v.isoDate('ngày hiệu lực phải có dạng 2025-07-01'),
  v.check((d) => d <= vnDay(), effectiveMessage),
);
export const Actor = v.pipe(v.string(), v.minLength(1));
export const Name = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(1, 'tên không được để trống'),
  v.maxLength(300, 'tên tối đa 300 ký tự'),
  v.transform((s) => s.normalize('NFC')),
);

/**
 * An input dated by `effective`, not after `today`: the calendar's day, or the one the daily
 * job applies a scheduled change for (scheduled.ts), whose moves are dated that day.
 */
export function datedInput<E extends v.ObjectEntries>(entries: E) {
  const input = v.object({ ...entries, effective: v.pipe(v.string(), v.isoDate('ngày hiệu lực phải có dạng 2025-07-01')), today: v.optional(v.string()) });
  const dated = (i: unknown) => {
    const { effective, today } = i as { effective: string; today?: string };
    return effective <= (today ?? vnDay());
  };
  return v.pipe(input, v.check<v.InferOutput<typeof input>, string>(dated, `effective: ${effectiveMessage}`));
}

export const unitIdFor = (code: string) =>
  code
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export async function history(unitId: string): Promise<UnitEvent[]> {
  return listEvents(unitId);
}

export async function active(id: string): Promise<Org.Info> {
  const unit = await Org.get(id);
  Org.assertActive(unit);
  return unit;
}

export const createUnit = fn(
  datedInput({ code: Org.Code, name: Name, kind: Org.Kind, level: v.optional(Org.Level), parentId: v.nullable(Org.Id), actor: Actor }),
  async (input): Promise<Org.Info> => {
    const parent = input.parentId ? await active(input.parentId) : null;
    const id = unitIdFor(input.code);
    if (!id) throw new VisibleError('org.code_invalid', `Mã "${input.code}" cần có chữ hoặc số.`);
    const unit = Org.make({ id, code: input.code, name: input.name, kind: input.kind, level: input.level }, parent);
    const event: UnitEvent = {
      action: 'created',
      effective: input.effective,
      at: new Date().toISOString(),
      by: input.actor,
      detail: { name: unit.name, parentId: unit.parentId },
    };
    if (!(await putNewUnit(unit, event))) throw new VisibleError('org.code_taken', `Đã có đơn vị mã "${input.code}".`);
    await Audit.record({ actor: input.actor, action: 'org.create', unitId: unit.id, detail: { ...event.detail, effective: input.effective } });
    return unit;
  },
);

/**
 * Levels follow kinds (a commune is `xa`) and otherwise the parent: after a unit changes
 * kind or place, its descendants of kinds without a level of their own follow it. The
 * people of every unit whose class changed are re-counted in their new class.
 */
async function settle(root: Org.Info, previous: Map<string, Org.Info>, actor: string): Promise<void> {
  const updated: Org.Info[] = [];
  const queue: Org.Info[] = [root];
  while (queue.length > 0) {
    const unit = queue.shift()!;
    for (const child of await Org.children(unit.id)) {
      const next = { ...child, ancestors: [...unit.ancestors, unit.id], level: Org.levelFor(child.kind, unit) };
      if (next.level !== child.level || next.ancestors.join('/') !== child.ancestors.join('/')) {
        updated.push(next);
        // Counted until now in the old class, but already along the new chain of ancestors.
        if (next.level !== child.level) previous.set(child.id, { ...child, ancestors: next.ancestors });
      }
      queue.push(next);
    }
  }
  await putUnits(updated);
  for (const [unitId, before] of previous) {
    const members = await membersOf(unitId);
    await changePeople(
      members.map((m) => ({ personId: m.id, next: (p) => p!, reason: 'reclass' })),
      { actor, countedAs: new Map([[unitId, before]]) },
    );
  }
}

export const updateUnit = fn(
  v.object({
    unitId: Org.Id,
    name: v.optional(Name),
    code: v.optional(Org.Code),
    kind: v.optional(Org.Kind),
    level: v.optional(Org.Level),
    effective: Effective,
    actor: Actor,
  }),
  async (input): Promise<Org.Info> => {
    const unit = await active(input.unitId);
    const parent = unit.parentId ? await Org.get(unit.parentId) : null;
    const kind = input.kind ?? unit.kind;
    const next: Org.Info = {
      ...unit,
      name: input.name ?? unit.name,
      code: input.code ?? unit.code,
      kind,
      level: input.level ?? (input.kind ? Org.levelFor(kind, parent) : unit.level),
    };
    const renamed = next.name !== unit.name || next.code !== unit.code;
    const reclassed = next.kind !== unit.kind || next.level !== unit.level;
    if (!renamed && !reclassed) return unit;
    // A unit keeps the id its first code gave it; a new code must not be another unit's.
    const codeId = unitIdFor(next.code);
    if (!codeId) throw new VisibleError('org.code_invalid', `Mã "${next.code}" cần có chữ hoặc số.`);
    const taken = () => new VisibleError('org.code_taken', `Đã có đơn vị khác mã "${next.code}".`);
    if (codeId !== unit.id && (await Org.getMap([codeId])).has(codeId)) throw taken();
    const event: UnitEvent = {
      action: reclassed ? 'changed' : 'renamed',
      effective: input.effective,
      at: new Date().toISOString(),
      by: input.actor,
      detail: {
        before: { name: unit.name, code: unit.code, kind: unit.kind, level: unit.level },
        after: { name: next.name, code: next.code, kind: next.kind, level: next.level },
      },
    };
    // A new code's id is checked again inside the write: one made meanwhile by someone else is not taken over.
    if (!(await putChangedUnit(next, event, codeId !== unit.id ? codeId : undefined))) throw taken();
    if (reclassed) await settle(next, new Map([[unit.id, unit]]), input.actor);
    await Audit.record({ actor: input.actor, action: 'org.update', unitId: unit.id, detail: { ...event.detail, effective: input.effective } });
    return next;
  },
);

const MoveInput = datedInput({ unitId: Org.Id, parentId: Org.Id, actor: Actor, reason: v.optional(v.string()) });

/**
 * Puts a unit (with its whole subtree) under another parent. The subtree's totals leave the
 * old ancestors and join the new ones in the same transaction as the move; descendants'
 * ancestor lists follow. Pending roll-ups are finished first so the totals moved are whole.
 */
export const moveUnit = fn(MoveInput, async (input): Promise<Org.Info> => {
  const [unit, parent] = await Promise.all([active(input.unitId), active(input.parentId)]);
  if (parent.id === unit.id || parent.ancestors.includes(unit.id)) {
    throw new VisibleError('org.move_cycle', `Không thể chuyển "${unit.name}" vào chính nó hoặc đơn vị cấp dưới của nó.`);
  }
  if (unit.parentId === parent.id) return unit;
  await sweepRollups();
  const next: Org.Info = { ...unit, parentId: parent.id, ancestors: [...parent.ancestors, parent.id], level: Org.levelFor(unit.kind, parent) };
  const owners = ownersOf(await Target.list());
  const transfers = transferItems(moveDeltas({ before: unit.ancestors, after: next.ancestors }, await movedCounters(unit, next, owners), owners));
  const event: UnitEvent = {
    action: 'moved',
    effective: input.effective,
    at: new Date().toISOString(),
    by: input.actor,
    detail: { fromParentId: unit.parentId, toParentId: parent.id, reason: input.reason ?? 'move' },
  };
  if (!(await putMovedUnit(next, unit.parentId, event, transfers))) {
    throw new VisibleError('org.changed', 'Đơn vị vừa được người khác thay đổi; hãy tải lại và thử lại.');
  }
  for (const t of transfers) await rollup({ pk: String(t.pk), sk: String(t.sk) }).catch(() => undefined /* left pending; sweepRollups finishes it */);
  await settle(
    next,
    next.level !== unit.level ? new Map([[unit.id, { ...unit, parentId: next.parentId, ancestors: next.ancestors }]]) : new Map(),
    input.actor,
  );
  // The people it carries into the subtree of a unit that set a target of its own owe that target's marks.
  const joined = next.ancestors.filter((id) => !unit.ancestors.includes(id));
  for (const [targetId, owner] of owners) if (owner !== null && joined.includes(owner)) await retrain(targetId, { within: unit.id });
  await Audit.record({ actor: input.actor, action: 'org.move', unitId: unit.id, detail: { ...event.detail, effective: input.effective } });
  return next;
});

/**
 * The counters a move carries: the moved unit's subtree totals and, when the move leaves or
 * joins the subtree of a unit that set a target of its own (whose counters are kept only
 * below it: readiness/reach.ts), every unit of the moved subtree with its own counters and
 * subtree totals, since each starts or stops counting that target. One query per unit then;
 * a move inside one such subtree reads the moved unit's totals only.
 */
async function movedCounters(unit: Org.Info, next: Org.Info, owners: Owners) {
  const crossed = new Set([...unit.ancestors, ...next.ancestors].filter((id) => !unit.ancestors.includes(id) || !next.ancestors.includes(id)));
  if (![...owners.values()].some((owner) => owner !== null && crossed.has(owner)))
    return [{ id: unit.id, path: [], own: {}, totals: await subtreeOf(unit.id) }];
  const units: Org.Info[] = [];
  for await (const u of Org.subtree(unit)) units.push(u);
  const own = await ownCountersOf(units.map((u) => u.id));
  return Promise.all(
    units.map(async (u) => ({
      id: u.id,
      path: u.id === unit.id ? [] : u.ancestors.slice(u.ancestors.indexOf(unit.id)),
      own: own.get(u.id) ?? {},
      totals: await subtreeOf(u.id),
    })),
  );
}

export async function close(unit: Org.Info, status: 'merged' | 'dissolved', effective: string, actor: string, mergedInto?: string): Promise<void> {
  const closed: Org.Info = { ...unit, status, until: effective, ...(mergedInto ? { mergedInto } : {}) };
  const event: UnitEvent = { action: status, effective, at: new Date().toISOString(), by: actor, detail: mergedInto ? { mergedInto } : {} };
  await putClosedUnit(closed, event);
}

export async function membersOf(unitId: string): Promise<Person.Info[]> {
  const people: Person.Info[] = [];
  for await (const p of Person.ofUnit(unitId)) people.push(p);
  return people;
}

/** Closes a unit that no longer has anyone active and no units under it. */
export const dissolveUnit = fn(v.object({ unitId: Org.Id, effective: Effective, actor: Actor }), async (input): Promise<Org.Info> => {
  const unit = await active(input.unitId);
  const [children, members] = await Promise.all([Org.children(unit.id), membersOf(unit.id)]);
  const staying = members.filter((m) => m.status === 'active').length;
  if (children.length > 0 || staying > 0) {
    throw new VisibleError(
      'org.unit_not_empty',
      `Đơn vị "${unit.name}" còn ${staying} người đang công tác và ${children.length} đơn vị trực thuộc; hãy chuyển sang đơn vị khác (hoặc hợp nhất) trước khi giải thể.`,
    );
  }
  await close(unit, 'dissolved', input.effective, input.actor);
  await Audit.record({ actor: input.actor, action: 'org.dissolve', unitId: unit.id, detail: { effective: input.effective } });
  return { ...unit, status: 'dissolved', until: input.effective };
});
