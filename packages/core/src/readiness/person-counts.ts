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

export const sameCounters = (a: Counters, b: Counters) => {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].every((n) => (a[n] ?? 0) === (b[n] ?? 0));
};
