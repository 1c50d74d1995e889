import { Org } from '../org/index.ts';
import { Person } from '../person/index.ts';
import { Target } from '../target/index.ts';
import { addInto } from './counters.ts';
import { contribute, PersonChanged, rollup } from './contribution.ts';
import { ownersNow, ownersOnce, spreadAlong, type OwnersAt } from './reach.ts';
import { Readiness } from './index.ts';
import { setMarkValidity, syncLapse, type Mark } from './validity.ts';
import { personCompletions, personTrainedMarks, removeMark, unitCompletions, unitMembers, unitTrainedMarks } from './store.ts';

/**
 * Brings a target's trained marks in line with its programme after the target is created
 * or its programme changes: whoever has completed every course of it is marked trained
 * (counted once, like any mark), a mark whose programme is no longer complete is taken back
 * with its counters. With `validity` (the target's validity changed), each remaining mark's
 * last valid day is set again from the day it was made, and its person's lapse follows.
 * Unit by unit (three queries each); a job, never a request.
 */
export async function retrain(
  targetId: string,
  options: { validity?: boolean; within?: string } = {},
): Promise<{ marked: number; unmarked: number; revalidated: number }> {
  const target = await Target.pick(targetId);
  const owners = ownersOnce();
  let marked = 0;
  let unmarked = 0;
  let revalidated = 0;
  // Marks are made where the target applies: the subtree of the unit that set it (or only the part of it named by `within`).
  const from = options.within ?? target.unitId;
  const queue = from ? [await Org.get(from)] : await Org.children(null);
  while (queue.length > 0) {
    const unit = queue.shift()!;
    queue.push(...(await Org.children(unit.id)));
    const [members, completions, marks] = await Promise.all([unitMembers(unit.id), unitCompletions(unit.id), unitTrainedMarks(target.id, unit.id)]);
    const done = new Map<string, { slugs: Set<string>; last: string }>();
    for (const c of completions) {
      const d = done.get(String(c.personId)) ?? { slugs: new Set(), last: '' };
      d.slugs.add(String(c.slug));
      if (String(c.completedAt) > d.last) d.last = String(c.completedAt);
      done.set(String(c.personId), d);
    }
    const hasMark = new Set(marks.map((m) => m.personId));
    for (const item of members) {
      const person = Person.fromItem(item);
      const d = done.get(person.id);
      if (hasMark.has(person.id) || !d || !target.programme.every((s) => d.slugs.has(s))) continue;
      try {
        if ((await contribute(Readiness.trained({ person, unit }, target, d.last), { owners })).created) marked++;
      } catch (err) {
        if (!(err instanceof PersonChanged)) throw err; // moved meanwhile: the move carries their records
      }
    }
    for (const mark of marks) {
      const d = done.get(mark.personId);
      if (d && target.programme.every((s) => d.slugs.has(s))) {
        if (options.validity && (await setMarkValidity(mark.personId, target, mark as Mark))) {
          await syncLapse(mark.personId);
          revalidated++;
        }
        continue;
      }
      // The mark's delta comes off its unit's own counters and, by transfers, off the subtree totals of the unit and of its ancestors up to the target's owner.
      const minus = addInto({}, mark.delta, -1);
      const subtree = new Map(await spreadAlong([...unit.ancestors, unit.id], minus, owners));
      const transfers = await removeMark({ pk: mark.pk, sk: mark.sk }, unit.id, minus, subtree);
      for (const t of transfers) await rollup(t).catch(() => undefined /* the sweep finishes it */);
      unmarked++;
    }
  }
  return { marked, unmarked, revalidated };
}

/**
 * Gives a person who moved the trained marks of the targets that apply in their new unit and
 * not in their old one (set by a unit they joined), for those whose programme they have
 * completed: marks are made only where a target applies, so a move into another province or
 * sở may owe some. Reads nothing when the move joins no unit that set a target. Called once
 * the move is written; a person changed meanwhile is left to their own next change.
 */
export async function markOwed(person: Person.Info, unit: Org.Info, before: Org.Info | null, owners: OwnersAt): Promise<number> {
  if (person.status !== 'active') return 0;
  const known = await ownersNow(owners);
  const [after, earlier] = [[...unit.ancestors, unit.id], before ? [...before.ancestors, before.id] : []];
  const joined = new Set([...known].filter(([, owner]) => owner !== null && after.includes(owner) && !earlier.includes(owner)).map(([id]) => id));
  if (joined.size === 0) return 0;
  const [completions, marks, targets] = await Promise.all([personCompletions(person.id), personTrainedMarks(person.id), Target.list()]);
  const done = new Set(completions.map((c) => String(c.slug)));
  const last = completions.reduce((latest, c) => (String(c.completedAt) > latest ? String(c.completedAt) : latest), '');
  const held = new Set(marks.map((m) => m.targetId));
  let marked = 0;
  for (const target of targets) {
    if (!joined.has(target.id) || held.has(target.id) || !target.programme.every((s) => done.has(s))) continue;
    try {
      if ((await contribute(Readiness.trained({ person, unit }, target, last), { owners: known })).created) marked++;
    } catch (err) {
      if (!(err instanceof PersonChanged)) throw err;
    }
  }
  return marked;
}
