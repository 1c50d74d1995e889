import { DeleteCommand, PutCommand, ScanCommand, UpdateCommand, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { keys } from '../db/keys.ts';
import { Org } from '../org/index.ts';
import { Person } from '../person/index.ts';
import { addInto, countersOf, type Counters } from './counters.ts';
import { clearPending } from './contribution.ts';
import { headcount, recordDelta, repointRecord, sameCounters, type PersonRecord } from './person-counts.ts';

export type Mismatch = { unitId: string; scope: 'own' | 'subtree' | 'record'; counter: string; expected: number; actual: number };

async function* scanTable(): AsyncGenerator<Record<string, unknown>> {
  const input: ScanCommandInput = { TableName: tableName() };
  do {
    const page = await db().send(new ScanCommand(input));
    yield* page.Items ?? [];
    input.ExclusiveStartKey = page.LastEvaluatedKey;
  } while (input.ExclusiveStartKey);
}

const differences = (unitId: string, scope: Mismatch['scope'], expected: Counters, actual: Counters): Mismatch[] =>
  [...new Set([...Object.keys(expected), ...Object.keys(actual)])]
    .filter((c) => (expected[c] ?? 0) !== (actual[c] ?? 0))
    .map((counter) => ({ unitId, scope, counter, expected: expected[counter] ?? 0, actual: actual[counter] ?? 0 }));

type StoredRecord = PersonRecord & { personId: string; pending: boolean };

/**
 * Recomputes every unit's own and subtree counters from the source records (units as they
 * stand now, people, completions, trained marks) and compares them with what the write
 * path maintained; also checks that each record sits in its person's unit and counts what
 * it should. An operator command that reads the whole table: never on a request path. With
 * `write`, it replaces the counters (and repairs records); run it when writes are quiet.
 */
export async function rebuild(options: { write: boolean }): Promise<{ units: number; records: number; mismatches: Mismatch[] }> {
  const units = new Map<string, Org.Info>();
  const people = new Map<string, Person.Info>();
  const records: StoredRecord[] = [];
  const transfers: { pk: string; sk: string }[] = [];
  const actualOwn = new Map<string, Counters>();
  const actualSubtree = new Map<string, Counters>();
  const shardKeys: { pk: string; sk: string }[] = [];

  for await (const item of scanTable()) {
    const sk = String(item.sk);
    if (item.type === 'unit') units.set(String(item.id), Org.fromItem(item));
    else if (item.type === 'person') people.set(String(item.id), Person.fromItem(item));
    else if (item.type === 'transfer') transfers.push({ pk: String(item.pk), sk });
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
  const mismatches: Mismatch[] = [];
  const repairs: { record: StoredRecord; unit: Org.Info; delta: Counters }[] = [];
  for (const record of records) {
    const at = placed(record.personId);
    if (!at) {
      add(record.unitId, record.delta);
      continue;
    }
    const delta = recordDelta(record, at);
    add(at.unit.id, delta);
    if (record.unitId !== at.unit.id || !sameCounters(record.delta, delta)) {
      mismatches.push({ unitId: `${record.pk}/${record.sk}`, scope: 'record', counter: record.unitId !== at.unit.id ? `unit ${record.unitId} → ${at.unit.id}` : 'delta', expected: 1, actual: 0 });
      repairs.push({ record, unit: at.unit, delta });
    }
  }

  for (const unitId of new Set([...units.keys(), ...own.keys(), ...actualOwn.keys(), ...actualSubtree.keys()])) {
    mismatches.push(...differences(unitId, 'own', own.get(unitId) ?? {}, actualOwn.get(unitId) ?? {}));
    mismatches.push(...differences(unitId, 'subtree', subtree.get(unitId) ?? {}, actualSubtree.get(unitId) ?? {}));
  }

  if (options.write) {
    const table = tableName();
    for (const { record, unit, delta } of repairs) {
      await db().send(new UpdateCommand(repointRecord(record, unit, delta)));
    }
    for (const k of shardKeys) await db().send(new DeleteCommand({ TableName: table, Key: k }));
    for (const unitId of actualOwn.keys()) if (!own.has(unitId)) own.set(unitId, {});
    for (const [unitId, counters] of own) await db().send(new PutCommand({ TableName: table, Item: { ...keys.unitStats(unitId), type: 'counters', ...counters } }));
    for (const [unitId, counters] of subtree) await db().send(new PutCommand({ TableName: table, Item: { ...keys.unitSubtreeShard(unitId, 0), type: 'counters', ...counters } }));
    for (const r of records) if (r.pending) await clearPending({ pk: r.pk, sk: r.sk });
    for (const t of transfers) await clearPending(t);
  }
  return { units: units.size, records: people.size + records.length, mismatches };
}
