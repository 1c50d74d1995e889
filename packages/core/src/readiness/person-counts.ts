import type { Org } from '../org/index.ts';
import type { Person } from '../person/index.ts';
import { Target } from '../target/index.ts';
import type { Counters } from './counters.ts';

/** A source record kept in a person's partition that adds to counters. */
export type PersonRecord = {
  pk: string;
  sk: string;
  /**
   * An exemption or a credit counts nothing itself (the person's `exempt` does; an approved
   * credit's completions do): they are records so they follow their person through moves.
   */
  type: 'completion' | 'trained' | 'exemption' | 'credit';
  slug?: string;
  targetId?: string;
  unitId: string;
  delta: Counters;
};

type Placed = { person: Pick<Person.Info, 'category' | 'status' | 'exempt' | 'lapse'>; unit: Pick<Org.Info, 'level' | 'kind'> };

/**
 * What one person adds to their unit's headcount while active: one in their class, and one
 * exempt in their class for each target (or `*`, all targets) they are exempt from today.
 */
export function headcount({ person, unit }: Placed): Counters {
  if (person.status !== 'active') return {};
  const c = Target.classOf(person, unit);
  const counters: Counters = { [Target.staffCounter(c)]: 1 };
  for (const targetId of person.exempt ?? []) counters[Target.exemptCounter(targetId, c)] = 1;
  return counters;
}

/**
 * Whether the person is exempt from a target today (from it, or from every target). A function
 * declaration, not a const: the readiness namespace re-exports it while this module may still
 * be loading (person-counts → target → readiness is a cycle).
 */
export function isExempt(person: Pick<Person.Info, 'exempt'>, targetId: string): boolean {
  return (person.exempt ?? []).some((t) => t === targetId || t === Target.ALL_TARGETS);
}

/**
 * What a record adds while its person is as given: someone who left counts nowhere (their
 * records stay, and count again if they come back); a trained mark counts in their class,
 * unless they are exempt from its target — an exempt person is out of the target's figures,
 * numerator and denominator alike, and counts again the day the exemption ends. A mark whose
 * completion lapsed counts as expired instead of trained; one inside its renewal window counts
 * as trained and expiring.
 */
export function recordDelta(record: Pick<PersonRecord, 'type' | 'slug' | 'targetId'>, { person, unit }: Placed): Counters {
  if (person.status !== 'active' || record.type === 'exemption' || record.type === 'credit') return {};
  if (record.type === 'completion') return { [`completed:${record.slug}`]: 1 };
  if (isExempt(person, record.targetId!)) return {};
  const c = Target.classOf(person, unit);
  const lapse = person.lapse?.[record.targetId!];
  if (lapse === 'lapsed') return { [Target.expiredCounter(record.targetId!, c)]: 1 };
  return { [Target.trainedCounter(record.targetId!, c)]: 1, ...(lapse === 'soon' ? { [Target.expiringCounter(record.targetId!, c)]: 1 } : {}) };
}

export const sameCounters = (a: Counters, b: Counters) => {
  const names = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...names].every((n) => (a[n] ?? 0) === (b[n] ?? 0));
};
