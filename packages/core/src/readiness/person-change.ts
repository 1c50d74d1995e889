import { isConditionFailure } from '../db/errors.ts';
import { VisibleError } from '../error.ts';
import { Org } from '../org/index.ts';
import { Person } from '../person/index.ts';
import { addInto, type Counters } from './counters.ts';
import { rollup } from './contribution.ts';
import { markOwed } from './retrain.ts';
import { ownersOnce, spreadAlong, type OwnersAt } from './reach.ts';
import { headcount, recordDelta, sameCounters, type PersonRecord } from './person-counts.ts';
import { awaitsRollup, personItems, personRecords, writePeopleChange, type PersonWrite } from './store.ts';

export type PersonChange = {
  personId: string;
  /** The person as they should be, given what is stored now (null: not in the roster yet). */
  next: (current: Person.Info | null) => Person.Info;
  /** Why, for the history of a move: `roster`, `move`, `merge`. */
  reason?: string;
};

export type ChangeOutcome = { created: number; moved: number; updated: number; unchanged: number };

export type ChangeOptions = {
  actor: string;
  /** Effective date of moves (yyyy-mm-dd); today when absent. */
  effective?: string;
  /**
   * Units as their people are counted now, where that differs from the stored unit (a
   * unit whose kind or level is being changed): the people are re-counted in their new class.
   */
  countedAs?: Map<string, Org.Info>;
  onProgress?: (done: number) => void;
  /** The targets' owners, when the caller has read the targets (reach.ts); read once otherwise. */
  owners?: OwnersAt;
};

type Planned = {
  change: PersonChange;
  current: Person.Info | null;
  rev: number | null;
  after: Person.Info;
  before: Org.Info | null;
  unit: Org.Info;
  records: { record: PersonRecord; delta: Counters }[];
  ownDeltas: Map<string, Counters>;
  subtreeDeltas: Map<string, Counters>;
};

/** Whether two `lapse` records say the same, whatever order their keys come back in (a DynamoDB map keeps none). */
export const sameLapse = (a: Person.Info['lapse'], b: Person.Info['lapse']) => {
  const entries = (x: Person.Info['lapse']) => JSON.stringify(Object.entries(x ?? {}).sort(([k], [l]) => k.localeCompare(l)));
  return entries(a) === entries(b);
};
// Compared as JSON (`lapse` whatever its key order): `exempt`, `resumed` and `lapse` are an array and records, and a field one side lacks differs too.
const samePerson = (a: Person.Info, b: Person.Info) =>
  (Object.keys({ ...a, ...b }) as (keyof Person.Info)[]).every((k) =>
    k === 'lapse' ? sameLapse(a.lapse, b.lapse) : JSON.stringify(a[k]) === JSON.stringify(b[k]),
  );
const sameStanding = (a: Person.Info, b: Person.Info) => JSON.stringify(a.exempt ?? []) === JSON.stringify(b.exempt ?? []) && sameLapse(a.lapse, b.lapse);

const add = (map: Map<string, Counters>, unitId: string, delta: Counters, sign: number) => map.set(unitId, addInto(map.get(unitId) ?? {}, delta, sign));

/** Adds a person's counters to the subtree totals along their unit's chain, each no higher than its target's owner. */
async function addAlong(map: Map<string, Counters>, unit: Org.Info, delta: Counters, sign: number, owners: OwnersAt) {
  for (const [id, d] of await spreadAlong([...unit.ancestors, unit.id], delta, owners)) add(map, id, d, sign);
}

async function recordsOf(personId: string, owners: OwnersAt): Promise<PersonRecord[]> {
  const records = await personRecords(personId);
  // A record whose roll-up is pending is not in the subtree totals yet, though a change moves
  // it as if it were: finish the roll-up first. Nothing makes it pending again — a new record
  // bumps the person's rev, which fails this change's write and plans it anew.
  for (const r of records) if (awaitsRollup(r)) await rollup({ pk: r.pk, sk: r.sk }, owners);
  return records;
}

/** Reads the people and units of a group of changes and works out every write each needs. */
async function plan(changes: PersonChange[], units: Map<string, Org.Info>, options: ChangeOptions & { owners: OwnersAt }): Promise<Planned[]> {
  const stored = new Map((await personItems(changes.map((c) => c.personId))).map((item) => [String(item.id), item]));
  const drafts = changes.map((change) => {
    const item = stored.get(change.personId);
    const current = item ? Person.fromItem(item) : null;
    return { change, current, rev: item ? Person.revOf(item) : null, after: change.next(current) };
  });
  const missing = drafts.flatMap((d) => [d.after.unitId, d.current?.unitId]).filter((id): id is string => Boolean(id) && !units.has(id!));
  for (const [id, unit] of await Org.getMap(missing)) units.set(id, unit);

  return Promise.all(
    drafts.map(async ({ change, current, rev, after }): Promise<Planned> => {
      const unit = units.get(after.unitId);
      if (!unit) throw new VisibleError('org.unit_not_found', `Không tìm thấy đơn vị "${after.unitId}".`);
      const storedBefore = current ? (units.get(current.unitId) ?? null) : null;
      const before = current ? (options.countedAs?.get(current.unitId) ?? storedBefore) : null;
      const ownDeltas = new Map<string, Counters>();
      const subtreeDeltas = new Map<string, Counters>();
      const records: Planned['records'] = [];
      const placedAfter = { person: after, unit };
      let total = headcount(placedAfter);
      let previous: Counters = current && before ? headcount({ person: current, unit: before }) : {};
      const countsMayChange =
        !current ||
        !before ||
        current.unitId !== after.unitId ||
        current.category !== after.category ||
        current.status !== after.status ||
        !sameStanding(current, after) ||
        before.level !== unit.level ||
        before.kind !== unit.kind ||
        before !== storedBefore;
      if (current && countsMayChange) {
        for (const record of await recordsOf(current.id, options.owners)) {
          const delta = recordDelta(record, placedAfter);
          previous = addInto({ ...previous }, record.delta ?? {});
          total = addInto({ ...total }, delta);
          if (record.unitId !== after.unitId || !sameCounters(record.delta ?? {}, delta)) records.push({ record, delta });
        }
      }
      if (before) {
        add(ownDeltas, before.id, previous, -1);
        await addAlong(subtreeDeltas, before, previous, -1, options.owners);
      }
      add(ownDeltas, unit.id, total, 1);
      await addAlong(subtreeDeltas, unit, total, 1, options.owners);
      return { change, current, rev, after, before, unit, records, ownDeltas, subtreeDeltas };
    }),
  );
}

const isNoop = (p: Planned) =>
  p.current !== null &&
  samePerson(p.current, p.after) &&
  p.records.length === 0 &&
  [...p.ownDeltas.values()].every((d) => Object.values(d).every((n) => n === 0));

/** What one planned change writes: the person (on condition of the revision read), their records repointed, their move. */
function writeOf(p: Planned, options: ChangeOptions, at: string): PersonWrite {
  return {
    item: Person.toItem(p.after),
    rev: p.rev,
    records: p.records.map(({ record, delta }) => ({ record, unit: p.unit, delta })),
    move:
      p.current && p.current.unitId !== p.after.unitId
        ? {
            personId: p.after.id,
            at,
            effective: options.effective ?? at.slice(0, 10),
            fromUnitId: p.current.unitId,
            fromUnitName: p.before?.name ?? '',
            toUnitId: p.unit.id,
            toUnitName: p.unit.name,
            reason: p.change.reason ?? 'move',
            by: options.actor,
          }
        : null,
  };
}

/** Writes a group of planned changes in one transaction, with the counters they move; then rolls up the subtree totals. */
async function commit(group: Planned[], options: ChangeOptions & { owners: OwnersAt }): Promise<void> {
  const at = new Date().toISOString();
  const own = new Map<string, Counters>();
  const subtree = new Map<string, Counters>();
  for (const p of group) {
    for (const [id, d] of p.ownDeltas) add(own, id, d, 1);
    for (const [id, d] of p.subtreeDeltas) add(subtree, id, d, 1);
  }
  const nonZero = (d: Counters) => Object.fromEntries(Object.entries(d).filter(([, n]) => n !== 0));
  const stats = [...own].map(([id, d]) => [id, nonZero(d)] as [string, Counters]).filter(([, d]) => Object.keys(d).length > 0);
  const transfers = await writePeopleChange(
    group.map((p) => writeOf(p, options, at)),
    stats,
    subtree,
  );
  for (const t of transfers) await rollup(t).catch(() => undefined /* left pending; sweepRollups finishes it */);
  // A move into the subtree of a unit that set a target of its own may owe its marks.
  for (const p of group) if (p.current && p.current.unitId !== p.after.unitId) await markOwed(p.after, p.unit, p.before, options.owners);
}

const MAX_ITEMS = 100;
const sizeOf = (p: Planned) => 1 + p.records.length + (p.current && p.current.unitId !== p.after.unitId ? 1 : 0);

/**
 * Creates or changes people — a roster row, a move, a merge, a unit re-classified — with
 * their records and every counter they touch, in transactions of up to 100 items: a person
 * and their counters are never half-written. A person changed meanwhile by someone else (a
 * completion) is read again and the change re-planned. Re-running the same changes does
 * nothing: each is worked out from what is stored.
 */
export async function changePeople(changes: PersonChange[], options: ChangeOptions): Promise<ChangeOutcome> {
  const outcome: ChangeOutcome = { created: 0, moved: 0, updated: 0, unchanged: 0 };
  const units = new Map<string, Org.Info>();
  const owners = options.owners ?? ownersOnce();
  let done = 0;
  for (let i = 0; i < changes.length; i += 50) {
    let slice = changes.slice(i, i + 50);
    for (let attempt = 1; slice.length > 0; attempt++) {
      const planned = await plan(slice, units, { ...options, owners });
      const retry: PersonChange[] = [];
      const groups: Planned[][] = [];
      let group: Planned[] = [];
      let items = 0;
      const unitsOf = (g: Planned[]) =>
        new Set(g.flatMap((p) => [...p.ownDeltas.keys()])).size + Math.ceil(new Set(g.flatMap((p) => [...p.subtreeDeltas.keys()])).size / 90);
      for (const p of planned) {
        if (isNoop(p)) {
          outcome.unchanged++;
          continue;
        }
        if (group.length > 0 && items + sizeOf(p) + unitsOf([...group, p]) > MAX_ITEMS) {
          groups.push(group);
          group = [];
          items = 0;
        }
        group.push(p);
        items += sizeOf(p);
      }
      if (group.length > 0) groups.push(group);
      for (const g of groups) {
        try {
          await commit(g, { ...options, owners });
          for (const p of g) {
            if (!p.current) outcome.created++;
            else if (p.current.unitId !== p.after.unitId) outcome.moved++;
            else outcome.updated++;
          }
        } catch (err) {
          if (!isConditionFailure(err) || attempt >= 5) throw err;
          retry.push(...g.map((p) => p.change));
        }
      }
      slice = retry;
    }
    done = Math.min(changes.length, i + 50);
    options.onProgress?.(done);
  }
  return outcome;
}
