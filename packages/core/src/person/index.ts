import * as v from 'valibot';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { keys } from '../db/keys.ts';
import { queryAll } from '../db/query.ts';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import * as schema from './schema.ts';

export namespace Person {
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
  });
  export type Info = v.InferOutput<typeof Info>;

  /**
   * `rev` counts every write to the person and their records: a move and a completion of
   * the same person made at once cannot both act on what they read before the other.
   */
  export function toItem(person: Info) {
    return {
      ...keys.person(person.id),
      ...keys.memberIndex(person),
      type: 'person',
      ...person,
      rev: 0,
    };
  }

  export const revOf = (item: Record<string, unknown>) => (typeof item.rev === 'number' ? item.rev : 0);

  export function fromItem(item: Record<string, unknown>): Info {
    const { id, employeeCode, fullName, email, unitId, category, position, status } = item as Info;
    return { id, employeeCode, fullName, email: email ?? null, unitId, category, position, status };
  }

  export const get = fn(v.string(), async (id): Promise<Info> => {
    const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.person(id) }));
    if (!out.Item) throw new VisibleError('person.not_found', `Không tìm thấy người có mã "${id}".`);
    return fromItem(out.Item);
  });

  /** Everyone attached to a unit, including those who left (their history stays with it). */
  export async function* ofUnit(unitId: string): AsyncGenerator<Info> {
    for await (const item of queryAll({ index: 'gsi1', pk: keys.membersOf(unitId) })) yield fromItem(item);
  }
}
