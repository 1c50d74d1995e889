import { exemptOn } from '../exemption/schema.ts';
import type { Info as ExemptionInfo } from '../exemption/schema.ts';
import { Org } from '../org/index.ts';
import { Person } from '../person/index.ts';
import { Target } from '../target/index.ts';
import { vnDay } from '../vn-day.ts';
import { addInto, countersOf, differences, type Counters, type Mismatch } from './counters.ts';
import { contributionItem, type Contribution } from './contribution.ts';
import { Readiness } from './index.ts';
import { headcount, recordDelta } from './person-counts.ts';
import { ownersOf, spread } from './reach.ts';
import { checkSnapshots } from './snapshot.ts';
import { lapseOn, sameLapse, type Mark } from './validity.ts';
import {
  clearPending,
  deleteRecord,
  deleteSubtreeShard,
  putItem,
  putOwnCounters,
  putSubtreeTotals,
  repointRecord,
  scanTable,
  trainedKey,
  type Key,
  type ScannedRecord as StoredRecord,
  type StoredSnapshot,
} from './store.ts';

export type { Mismatch };

const keyOf = (key: { pk: string; sk: string }) => `${key.pk}/${key.sk}`;

/** Each person's completed courses and when the last was completed: what their trained marks follow from. */
function completedBy(records: StoredRecord[]): Map<string, { slugs: Set<string>; last: string }> {
  const done = new Map<string, { slugs: Set<string>; last: string }>();
  for (const r of records) {
    if (r.type !== 'completion') continue;
    const d = done.get(r.personId) ?? { slugs: new Set<string>(), last: '' };
    d.slugs.add(String(r.slug));
    if (String(r.completedAt ?? '') > d.last) d.last = String(r.completedAt);
    done.set(r.personId, d);
  }
  return done;
}

/**
 * Recomputes every unit's own and subtree counters from the source records (units as they
 * stand now, people, completions) and compares them with what the write path maintained;
 * also checks that each record sits in its person's unit and counts what it should, that
 * whoever in a target's subtree has completed its programme has its trained mark and nobody
 * who has not completed it does
 * (as `retrain` leaves them), that each person's `exempt` is what their exemption records
 * say for today and their `lapse` what their marks' last valid days say, and that each weekly snapshot's totals add up. An operator
 * command that reads the whole table: never on a request path. With `write`, it replaces
 * the counters and repairs what it found; run it when writes are quiet.
 */
export async function rebuild(options: { write: boolean; today?: string }): Promise<{ units: number; records: number; mismatches: Mismatch[] }> {
  const units = new Map<string, Org.Info>();
  const people = new Map<string, Person.Info>();
  const personItems = new Map<string, Record<string, unknown>>();
  const records: StoredRecord[] = [];
  const transfers: Key[] = [];
  const actualOwn = new Map<string, Counters>();
  const actualSubtree = new Map<string, Counters>();
  const shardKeys: Key[] = [];
  const snapshots: { unitId: string; snapshot: StoredSnapshot }[] = [];

  for await (const found of scanTable()) {
    if (found.kind === 'unit') units.set(String(found.item.id), Org.fromItem(found.item));
    else if (found.kind === 'person') {
      people.set(String(found.item.id), Person.fromItem(found.item));
      personItems.set(String(found.item.id), found.item);
    } else if (found.kind === 'transfer') transfers.push(found.key);
    else if (found.kind === 'snapshot') snapshots.push(found);
    else if (found.kind === 'record') records.push(found.record);
    else if (found.kind === 'own') actualOwn.set(found.unitId, countersOf(found.item));
    else if (found.kind === 'subtree') {
      actualSubtree.set(found.unitId, addInto(actualSubtree.get(found.unitId) ?? {}, countersOf(found.item)));
      shardKeys.push(found.key);
    }
  }

  const mismatches: Mismatch[] = [];
  // The exemption records are the source of whom a target leaves out today: a person's
  // `exempt` that says otherwise is named and (with `write`) corrected before anything is counted.
  const today = options.today ?? vnDay();
  const exemptionsOf = new Map<string, ExemptionInfo[]>();
  for (const r of records) if (r.type === 'exemption') exemptionsOf.set(r.personId, [...(exemptionsOf.get(r.personId) ?? []), r as unknown as ExemptionInfo]);
  // Likewise the trained marks' last valid days are the source of whose completion lapsed.
  const targets = new Map((await Target.list()).map((t) => [t.id, t]));
  const marksOf = new Map<string, Mark[]>();
  for (const r of records) if (r.type === 'trained') marksOf.set(r.personId, [...(marksOf.get(r.personId) ?? []), r as unknown as Mark]);
  const corrected: Person.Info[] = [];
  for (const person of people.values()) {
    const expected = exemptOn(exemptionsOf.get(person.id) ?? [], today);
    const actual = person.exempt ?? [];
    const lapse = lapseOn(marksOf.get(person.id) ?? [], targets, today);
    const exemptRight = expected.join() === actual.join();
    const lapseRight = sameLapse(lapse, person.lapse);
    if (exemptRight && lapseRight) continue;
    const item = keyOf(Person.toItem(person));
    if (!exemptRight)
      mismatches.push({
        unitId: person.unitId,
        scope: 'record',
        counter: `exempt [${actual.join(', ')}] → [${expected.join(', ')}]`,
        expected: expected.length,
        actual: actual.length,
        item,
      });
    if (!lapseRight)
      mismatches.push({
        unitId: person.unitId,
        scope: 'record',
        counter: `lapse ${JSON.stringify(person.lapse ?? {})} → ${JSON.stringify(lapse)}`,
        expected: Object.keys(lapse).length,
        actual: Object.keys(person.lapse ?? {}).length,
        item,
      });
    const { exempt: _, lapse: _l, ...rest } = person;
    const fixed = { ...rest, ...(expected.length > 0 ? { exempt: expected } : {}), ...(Object.keys(lapse).length > 0 ? { lapse } : {}) };
    people.set(person.id, fixed);
    corrected.push(fixed);
  }

  const own = new Map<string, Counters>();
  const subtree = new Map<string, Counters>();
  // A target's counters rise no higher than the unit that set it, as the write path rolls them up.
  const owners = ownersOf([...targets.values()]);
  const add = (unitId: string, delta: Counters) => {
    own.set(unitId, addInto(own.get(unitId) ?? {}, delta));
    for (const [id, d] of spread([...(units.get(unitId)?.ancestors ?? []), unitId], delta, owners)) subtree.set(id, addInto(subtree.get(id) ?? {}, d));
  };
  const placed = (personId: string) => {
    const person = people.get(personId);
    const unit = person && units.get(person.unitId);
    return person && unit ? { person, unit } : null;
  };
  for (const person of people.values()) {
    const unit = units.get(person.unitId);
    if (unit) add(unit.id, headcount({ person, unit }));
  }
  const done = completedBy(records);
  const applies = (target: Target.Info, unit: Org.Info) => Target.applyingAt(unit, [target]).length > 0;
  const finished = (personId: string, target: Target.Info) => target.programme.every((slug) => done.get(personId)?.slugs.has(slug));
  const repairs: { record: StoredRecord; unit: Org.Info; delta: Counters }[] = [];
  const stale: StoredRecord[] = [];
  const marked = new Set<string>();
  for (const record of records) {
    const at = placed(record.personId);
    if (!at) {
      add(record.unitId, record.delta);
      continue;
    }
    const target = record.type === 'trained' ? targets.get(record.targetId!) : undefined;
    // Outside the target's subtree (kept from before a move out of it) a mark is history, left as `retrain` leaves it.
    if (target && !finished(record.personId, target) && applies(target, at.unit)) {
      mismatches.push({ unitId: at.unit.id, scope: 'record', counter: 'exists', expected: 0, actual: 1, item: keyOf(record) });
      stale.push(record);
      continue;
    }
    if (record.type === 'trained') marked.add(keyOf(record));
    const delta = recordDelta(record, at);
    add(at.unit.id, delta);
    const moved = record.unitId !== at.unit.id;
    const wrong = differences(at.unit.id, 'record', delta, record.delta, keyOf(record));
    if (moved)
      mismatches.push({ unitId: at.unit.id, scope: 'record', counter: `unit ${record.unitId} → ${at.unit.id}`, expected: 1, actual: 0, item: keyOf(record) });
    mismatches.push(...wrong);
    if (moved || wrong.length > 0) repairs.push({ record, unit: at.unit, delta });
  }
  const missing: Contribution[] = [];
  for (const target of targets.values()) {
    for (const person of people.values()) {
      const at = placed(person.id);
      // Owed only where the target applies; a mark kept from before a move out of its subtree is not taken away.
      if (!at || person.status !== 'active' || !finished(person.id, target) || marked.has(keyOf(trainedKey(person.id, target.id)))) continue;
      if (!applies(target, at.unit)) continue;
      const mark = Readiness.trained(at, target, done.get(person.id)!.last);
      add(at.unit.id, mark.delta);
      mismatches.push({ unitId: at.unit.id, scope: 'record', counter: 'exists', expected: 1, actual: 0, item: keyOf(mark.key) });
      missing.push(mark);
    }
  }

  for (const unitId of new Set([...units.keys(), ...own.keys(), ...actualOwn.keys(), ...actualSubtree.keys()])) {
    mismatches.push(...differences(unitId, 'own', own.get(unitId) ?? {}, actualOwn.get(unitId) ?? {}));
    mismatches.push(...differences(unitId, 'subtree', subtree.get(unitId) ?? {}, actualSubtree.get(unitId) ?? {}));
  }
  const snapshotCheck = checkSnapshots(snapshots);
  mismatches.push(...snapshotCheck.mismatches);

  if (options.write) {
    for (const p of corrected) await putItem({ ...Person.toItem(p), rev: Person.revOf(personItems.get(p.id)!) + 1 });
    for (const { record, unit, delta } of repairs) await repointRecord(record, unit, delta);
    for (const r of stale) await deleteRecord(r);
    for (const mark of missing) for (const item of [contributionItem(mark), ...(mark.also ?? [])]) await putItem(item);
    for (const shot of snapshotCheck.repaired) await putItem(shot);
    for (const k of shardKeys) await deleteSubtreeShard(k);
    for (const unitId of actualOwn.keys()) if (!own.has(unitId)) own.set(unitId, {});
    for (const [unitId, counters] of own) await putOwnCounters(unitId, counters);
    for (const [unitId, counters] of subtree) await putSubtreeTotals(unitId, counters);
    for (const r of records) if (r.pending && !stale.includes(r)) await clearPending({ pk: r.pk, sk: r.sk });
    for (const t of transfers) await clearPending(t);
  }
  return { units: units.size, records: people.size + records.length, mismatches };
}
