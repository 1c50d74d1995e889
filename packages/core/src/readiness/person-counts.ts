import { tableName } from '../db/client.ts';
import { keys } from '../db/keys.ts';
import type { Org } from '../org/index.ts';
import type { Person } from '../person/index.ts';
import { Target } from '../target/index.ts';
import type { Counters } from './counters.ts';

/** A source record kept in a person's partition that adds to counters. */
export type PersonRecord = {
  pk: string;
  sk: string;
  type: 'completion' | 'trained';
  slug?: string;
  targetId?: string;
  unitId: string;
  delta: Counters;
};

type Placed = { person: Pick<Person.Info, 'category' | 'status'>; unit: Pick<Org.Info, 'level' | 'kind'> };

/** What one person adds to their unit's headcount: one in their class while active. */
export function headcount({ person, unit }: Placed): Counters {
  return person.status === 'active' ? { [Target.staffCounter(Target.classOf(person, unit))]: 1 } : {};
}

/**
 * What a record adds while its person is as given: someone who left counts nowhere (their
 * records stay, and count again if they come back); a trained mark counts in their class.
 */
export function recordDelta(record: Pick<PersonRecord, 'type' | 'slug' | 'targetId'>, { person, unit }: Placed): Counters {
  if (person.status !== 'active') return {};
  if (record.type === 'completion') return { [`completed:${record.slug}`]: 1 };
  return { [Target.trainedCounter(record.targetId!, Target.classOf(person, unit))]: 1 };
}

/** The update that points a record at its person's unit of now, counting `delta` there. */
export function repointRecord(record: Pick<PersonRecord, 'pk' | 'sk' | 'type' | 'targetId'>, unit: Pick<Org.Info, 'id' | 'ancestors'>, delta: Counters) {
  return {
    TableName: tableName(),
    Key: { pk: record.pk, sk: record.sk },
    UpdateExpression: 'SET unitId = :u, ancestors = :a, delta = :d, gsi1pk = :g',
    ExpressionAttributeValues: {
      ':u': unit.id,
      ':a': unit.ancestors,
      ':d': delta,
      // Only the partition moves with the person: the index's sort key (course or person) stays.
      ':g': record.type === 'completion' ? keys.completionsOf(unit.id) : keys.trainedOf(record.targetId!, unit.id),
    },
  };
}

export const sameCounters = (a: Counters, b: Counters) => {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].every((n) => (a[n] ?? 0) === (b[n] ?? 0));
};
