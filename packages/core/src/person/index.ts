import * as v from 'valibot';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import * as schema from './schema.ts';
import * as store from './store.ts';

export namespace Person {
  /**
   * A person's records (completions, exemptions, progress, trained marks…) read in one query,
   * for a caller that needs several kinds at once — what they owe; each domain reads its own kind from it.
   */
  export type File = store.PersonFile;
  export const file = (personId: string): Promise<File> => store.readPersonFile(personId);

  export const Category = schema.Category;
  export type Category = schema.Category;
  export const categories = schema.categories;

  export const Info = v.object({
    id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
    employeeCode: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
    fullName: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
    email: v.nullable(v.pipe(v.string(), v.email())),
    unitId: v.string(),
    category: Category,
    position: v.string(),
    status: v.picklist(['active', 'left']),
    /**
     * The day they started work in the public service at this employer (yyyy-mm-dd), from
     * the roster; absent = long enough ago that a target's deadline is theirs too.
     */
    startDate: v.optional(v.pipe(v.string(), v.isoDate())),
    /**
     * The targets they are exempt from today (a target id, or `*` for every target): kept
     * from their exemption records by `Exemption.sync`, so the counters (an exempt person
     * leaves the target's denominator) follow from the person alone, like their class.
     */
    exempt: v.optional(v.array(v.string())),
    /**
     * Per target (`*`: all), the day they owe again after their last exemption ended: their
     * due date is then at least that day plus the target's grace period.
     */
    resumed: v.optional(v.record(v.string(), v.pipe(v.string(), v.isoDate()))),
    /**
     * Per target whose completions lapse, where their completion stands today when it is not
     * simply valid: `soon` (inside the renewal window) or `lapsed`. Kept from their trained
     * marks by the daily job (`Readiness.syncLapse`), so the counters follow from the person.
     */
    lapse: v.optional(v.record(v.string(), v.picklist(['soon', 'lapsed']))),
  });
  export type Info = v.InferOutput<typeof Info>;

  /** The person's item (keys, members index, `rev`) and back: for other domains' stores, seeding and tests. */
  export const toItem = store.toItem;
  export const revOf = store.revOf;
  export const fromItem = store.fromItem;

  export const get = fn(v.string(), async (id): Promise<Info> => {
    const person = await store.getPerson(id);
    if (!person) throw new VisibleError('person.not_found', `Không tìm thấy người có mã "${id}".`);
    return person;
  });

  /** Who started, or came back, on `day`: the people whose own due dates count from it. */
  export const clocksStartingOn = store.clocksStartingOn;

  /** Everyone attached to a unit, including those who left (their history stays with it). */
  export async function* ofUnit(unitId: string): AsyncGenerator<Info> {
    yield* store.membersOf(unitId);
  }
}
