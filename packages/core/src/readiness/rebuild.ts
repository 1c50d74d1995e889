import { DeleteCommand, PutCommand, ScanCommand, UpdateCommand, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { keys } from '../db/keys.ts';
import { Org } from '../org/index.ts';
import { Person } from '../person/index.ts';
import { Target } from '../target/index.ts';
import { addInto, countersOf, differences, type Counters, type Mismatch } from './counters.ts';
import { clearPending, contributionItem, type Contribution } from './contribution.ts';
import { Readiness } from './index.ts';
import { headcount, recordDelta, repointRecord, type PersonRecord } from './person-counts.ts';
import { checkSnapshots, type Snapshot } from './snapshot.ts';

export type { Mismatch };

async function* scanTable(): AsyncGenerator<Record<string, unknown>> {
  const input: ScanCommandInput = { TableName: tableName() };
  do {
    const page = await db().send(new ScanCommand(input));
    yield* page.Items ?? [];
    input.ExclusiveStartKey = page.LastEvaluatedKey;
  } while (input.ExclusiveStartKey);
}

type StoredRecord = PersonRecord & { personId: string; pending: boolean; completedAt?: string };

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
 * whoever has completed a target's programme has its trained mark and nobody else does
 * (as `retrain` leaves them), and that each weekly snapshot's totals add up. An operator
 * command that reads the whole table: never on a request path. With `write`, it replaces
 * the counters and repairs what it found; run it when writes are quiet.
 */
export async function rebuild(options: { write: boolean }): Promise<{ units: number; records: number; mismatches: Mismatch[] }> {
  const units = new Map<string, Org.Info>();
  const people = new Map<string, Person.Info>();
  const records: StoredRecord[] = [];
  const transfers: { pk: string; sk: string }[] = [];
  const actualOwn = new Map<string, Counters>();
  const actualSubtree = new Map<string, Counters>();
  const shardKeys: { pk: string; sk: string }[] = [];
  const snapshots: (Snapshot & { pk: string; sk: string })[] = [];

  for await (const item of scanTable()) {
    const sk = String(item.sk);
    if (item.type === 'unit') units.set(String(item.id), Org.fromItem(item));
    else if (item.type === 'person') people.set(String(item.id), Person.fromItem(item));
    else if (item.type === 'transfer') transfers.push({ pk: String(item.pk), sk });
    else if (item.type === 'snapshot') snapshots.push(item as unknown as (typeof snapshots)[number]);
    else if (item.delta && item.unitId) records.push({ ...(item as unknown as PersonRecord), personId: String(item.personId), pending: Boolean(item.gsi2pk) });
    else if (sk === keys.statsSk) actualOwn.set(String(item.pk).slice(5), countersOf(item));
    else if (sk.startsWith(keys.subtreePrefix)) {
      const unitId = String(item.pk).slice(5);
      actualSubtree.set(unitId, addInto(actualSubtree.get(unitId) ?? {}, countersOf(item)));
      shardKeys.push({ pk: String(item.pk), sk });
    }
  }

  const own = new Map<string, Counters>();
  const subtree = new Map<string, Counters>();
  const add = (unitId: string, delta: Counters) => {
    own.set(unitId, addInto(own.get(unitId) ?? {}, delta));
    for (const id of [...(units.get(unitId)?.ancestors ?? []), unitId]) subtree.set(id, addInto(subtree.get(id) ?? {}, delta));
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
  const targets = new Map((await Target.list()).map((t) => [t.id, t]));
  const done = completedBy(records);
  const finished = (personId: string, target: Target.Info) => target.programme.every((slug) => done.get(personId)?.slugs.has(slug));
  const mismatches: Mismatch[] = [];
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
    if (target && !finished(record.personId, target)) {
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
      if (!at || person.status !== 'active' || !finished(person.id, target) || marked.has(keyOf(keys.trained(person.id, target.id)))) continue;
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
    const table = tableName();
    for (const { record, unit, delta } of repairs) {
      await db().send(new UpdateCommand(repointRecord(record, unit, delta)));
    }
    for (const r of stale) await db().send(new DeleteCommand({ TableName: table, Key: { pk: r.pk, sk: r.sk } }));
    for (const mark of missing) await db().send(new PutCommand({ TableName: table, Item: contributionItem(mark) }));
    for (const shot of snapshotCheck.repaired) await db().send(new PutCommand({ TableName: table, Item: shot }));
    for (const k of shardKeys) await db().send(new DeleteCommand({ TableName: table, Key: k }));
    for (const unitId of actualOwn.keys()) if (!own.has(unitId)) own.set(unitId, {});
    for (const [unitId, counters] of own)
      await db().send(new PutCommand({ TableName: table, Item: { ...keys.unitStats(unitId), type: 'counters', ...counters } }));
    for (const [unitId, counters] of subtree)
      await db().send(new PutCommand({ TableName: table, Item: { ...keys.unitSubtreeShard(unitId, 0), type: 'counters', ...counters } }));
    for (const r of records) if (r.pending && !stale.includes(r)) await clearPending({ pk: r.pk, sk: r.sk });
    for (const t of transfers) await clearPending(t);
  }
  return { units: units.size, records: people.size + records.length, mismatches };
}
