import * as v from 'valibot';
import { Org } from '../org/index.ts';
import { fn } from '../fn.ts';
import { Person } from './index.ts';
import { foldVietnamese } from './schema.ts';

export { foldVietnamese };

/** A name-or-code search: true when the person's full name or employee code contains the folded words. */
export function matcher(query: string): (p: Pick<Person.Info, 'fullName' | 'employeeCode'>) => boolean {
  const needle = foldVietnamese(query);
  return (p) => needle === '' || foldVietnamese(p.fullName).includes(needle) || foldVietnamese(p.employeeCode).includes(needle);
}

export const SearchQuery = v.pipe(v.string(), v.trim(), v.minLength(1, 'hãy nhập tên hoặc mã cán bộ'), v.maxLength(100, 'tối đa 100 ký tự'));

/**
 * People of a unit's subtree whose name or code matches, unit by unit down the subtree (one
 * query per unit, no scan), stopping once `limit` are found; those who left are included and
 * marked, as in the roster of one unit. `more` says the list was cut.
 */
export const search = fn(
  v.object({ unitId: Org.Id, query: SearchQuery, limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)), 100) }),
  async ({ unitId, query, limit }): Promise<{ people: (Person.Info & { unitName: string })[]; more: boolean }> => {
    const matches = matcher(query);
    const people: (Person.Info & { unitName: string })[] = [];
    for await (const unit of Org.subtree(unitId)) {
      for await (const p of Person.ofUnit(unit.id)) {
        if (!matches(p)) continue;
        if (people.length === limit) return { people, more: true };
        people.push({ ...p, unitName: unit.name });
      }
    }
    return { people, more: false };
  },
);
