import * as v from 'valibot';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { keys } from '../db/keys.ts';
import { queryList } from '../db/query.ts';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import { Person } from '../person/index.ts';

export namespace Target {
  /** "<percent>% of <categories> have completed <programme> by <deadline>". */
  export const Info = v.object({
    id: v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/)),
    title: v.pipe(v.string(), v.minLength(1)),
    programme: v.pipe(v.array(v.string()), v.minLength(1)),
    categories: v.pipe(v.array(Person.Category), v.minLength(1)),
    percent: v.pipe(v.number(), v.minValue(1), v.maxValue(100)),
    deadline: v.pipe(v.string(), v.isoDate()),
  });
  export type Info = v.InferOutput<typeof Info>;

  export const put = fn(Info, async (target) => {
    await db().send(new PutCommand({ TableName: tableName(), Item: { ...keys.target(target.id), type: 'target', ...target } }));
  });

  export async function list(): Promise<Info[]> {
    const items = await queryList<Info>({ pk: keys.targets });
    return items.map(({ id, title, programme, categories, percent, deadline }) => ({ id, title, programme, categories, percent, deadline }));
  }

  export async function pick(id?: string): Promise<Info> {
    const all = await list();
    const found = id ? all.find((t) => t.id === id) : all[0];
    if (!found) throw new VisibleError('target.not_found', id ? `Không tìm thấy chỉ tiêu "${id}".` : 'Chưa có chỉ tiêu nào được thiết lập.', 404);
    return found;
  }

  /** Counter that holds the people of a unit this target counts in its denominator. */
  export function staffInScope(target: Info, counters: Record<string, number>): number {
    return target.categories.reduce((sum, c) => sum + (counters[`staff:${c}`] ?? 0), 0);
  }

  export const trainedCounter = (targetId: string) => `trained:${targetId}`;
}
