import * as v from 'valibot';
import { fn } from '../fn.ts';
import { Org } from '../org/index.ts';
import { Person } from '../person/index.ts';
import { matcher, SearchQuery } from '../person/search.ts';
import { dueDate, isOverdue } from '../requirement/schema.ts';
import { Target } from '../target/index.ts';
import { vnDay } from '../vn-day.ts';
import { isExempt } from './person-counts.ts';
import { unitMembers, unitTrainedMarks } from './store.ts';

export type Untrained = Pick<Person.Info, 'id' | 'employeeCode' | 'fullName' | 'category' | 'position'> & {
  unitId: string;
  unitName: string;
  /** The day this person owes the programme by: the deadline, or later for a late joiner. */
  dueDate: string;
  /** Whether `today` is past their due date. */
  overdue: boolean;
  /** The last day their completion counted, when it lapsed (they owe it again, due that day); else null. */
  expiredOn: string | null;
};

/** One person of a target's scope who still owes its programme, as the walk below finds them. */
export type Owing = { person: Person.Info; unit: Org.Info; dueDate: string; expiredOn: string | null };

/**
 * Walks a subtree unit by unit (two queries per unit: its members and the target's trained
 * marks there) and yields each active, in-scope, not exempt person who has not finished the
 * target's programme or whose completion lapsed. Streams, so a caller that reads every one
 * (the reminders of a deadline day) holds one unit's members at a time, never the roster.
 */
export async function* owingIn(unitId: string, target: Target.Info): AsyncGenerator<Owing> {
  for await (const unit of Org.subtree(unitId)) {
    const [members, trained] = await Promise.all([unitMembers(unit.id), unitTrainedMarks(target.id, unit.id)]);
    const marks = new Map(trained.map((t) => [String(t.personId), t]));
    for (const item of members) {
      const p = Person.fromItem(item);
      // A lapsed completion counts as not done, as the counters have it.
      const lapsed = p.lapse?.[target.id] === 'lapsed';
      const done = marks.has(p.id) && !lapsed;
      if (p.status !== 'active' || done || isExempt(p, target.id) || !Target.covers(target, Target.classOf(p, unit))) continue;
      const expiredOn = lapsed ? (marks.get(p.id)?.validUntil ?? null) : null;
      yield { person: p, unit, dueDate: expiredOn ?? dueDate(target, p), expiredOn };
    }
  }
}

/**
 * People in a target's scope who have not finished its programme (or whose completion lapsed), unit by unit down the
 * subtree (two queries per unit), stopping once `limit` are found: the dashboard's list of
 * who is still to train, earliest due date first (so the overdue lead) on `today` (yyyy-mm-dd
 * in Vietnam; today when absent). `more` says the list was cut. With `match`, only those whose
 * name or code contains it: the officer looking for one person among thousands.
 */
export const untrained = fn(
  v.object({
    unitId: Org.Id,
    targetId: v.optional(v.string()),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)), 100),
    today: v.optional(v.pipe(v.string(), v.isoDate('ngày phải có dạng 2026-12-31'))),
    match: v.optional(SearchQuery),
  }),
  async ({ unitId, targetId, limit, today = vnDay(), match }): Promise<{ people: Untrained[]; more: boolean }> => {
    const target = await Target.pickAt(unitId, targetId);
    const matches = matcher(match ?? '');
    const people: Untrained[] = [];
    const found = (more: boolean) => ({ people: people.sort((a, b) => a.dueDate.localeCompare(b.dueDate)), more });
    for await (const { person: p, unit, dueDate: due, expiredOn } of owingIn(unitId, target)) {
      if (!matches(p)) continue;
      if (people.length === limit) return found(true);
      people.push({
        id: p.id,
        employeeCode: p.employeeCode,
        fullName: p.fullName,
        category: p.category,
        position: p.position,
        unitId: unit.id,
        unitName: unit.name,
        dueDate: due,
        overdue: isOverdue(due, today),
        expiredOn,
      });
    }
    return found(false);
  },
);
