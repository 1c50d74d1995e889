import { DeleteCommand, PutCommand, ScanCommand, type ScanCommandInput } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { keys } from '../db/keys.ts';
import { Person } from '../person/index.ts';
import { addInto, countersOf, type Counters } from './counters.ts';
import { clearPending } from './contribution.ts';

export type Mismatch = { unitId: string; scope: 'own' | 'subtree'; counter: string; expected: number; actual: number };

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

/**
 * Recomputes every unit's own and subtree counters from the source records (people,
 * completions, trained marks) and compares them with what the write path maintained.
 * An operator command that reads the whole table: never on a request path. With
 * `write`, it replaces the counters by the recomputed ones; run it when writes are quiet.
 */
export async function rebuild(options: { write: boolean }): Promise<{ units: number; records: number; mismatches: Mismatch[] }> {
  const units = new Map<string, { ancestors: string[] }>();
  const people: Person.Info[] = [];
  const contributions: { unitId: string; ancestors: string[]; delta: Counters; pending: boolean; pk: string; sk: string }[] = [];
  const actualOwn = new Map<string, Counters>();
  const actualSubtree = new Map<string, Counters>();
  const shardKeys: { pk: string; sk: string }[] = [];

  for await (const item of scanTable()) {
    const sk = String(item.sk);
    if (item.type === 'unit') units.set(String(item.id), { ancestors: item.ancestors as string[] });
    else if (item.type === 'person') people.push(Person.fromItem(item));
    else if (item.delta && item.unitId) {
      contributions.push({ unitId: String(item.unitId), ancestors: item.ancestors as string[], delta: item.delta as Counters,
        pending: Boolean(item.gsi2pk), pk: String(item.pk), sk });
    } else if (sk === keys.statsSk) actualOwn.set(String(item.pk).slice(5), countersOf(item));
    else if (sk.startsWith(keys.subtreePrefix)) {
      const unitId = String(item.pk).slice(5);
      actualSubtree.set(unitId, addInto(actualSubtree.get(unitId) ?? {}, countersOf(item)));
      shardKeys.push({ pk: String(item.pk), sk });
    }
  }

  const own = new Map<string, Counters>();
  const subtree = new Map<string, Counters>();
  const add = (unitId: string, ancestors: string[], delta: Counters) => {
    own.set(unitId, addInto(own.get(unitId) ?? {}, delta));
    for (const id of [...ancestors, unitId]) subtree.set(id, addInto(subtree.get(id) ?? {}, delta));
  };
  for (const p of people) add(p.unitId, units.get(p.unitId)?.ancestors ?? [], Person.headcount(p));
  for (const r of contributions) add(r.unitId, r.ancestors, r.delta);

  const mismatches: Mismatch[] = [];
  for (const unitId of new Set([...units.keys(), ...own.keys(), ...actualOwn.keys(), ...actualSubtree.keys()])) {
    mismatches.push(...differences(unitId, 'own', own.get(unitId) ?? {}, actualOwn.get(unitId) ?? {}));
    mismatches.push(...differences(unitId, 'subtree', subtree.get(unitId) ?? {}, actualSubtree.get(unitId) ?? {}));
  }

  if (options.write) {
    for (const k of shardKeys) await db().send(new DeleteCommand({ TableName: tableName(), Key: k }));
    for (const [unitId, counters] of own) await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.unitStats(unitId), type: 'counters', ...counters } }));
    for (const [unitId, counters] of subtree) await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.unitSubtreeShard(unitId, 0), type: 'counters', ...counters } }));
    for (const r of contributions) if (r.pending) await clearPending({ pk: r.pk, sk: r.sk });
  }
  return { units: units.size, records: people.length + contributions.length, mismatches };
}
