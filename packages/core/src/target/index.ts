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
    id: v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/, 'chỉ dùng chữ thường không dấu, số và dấu gạch ngang')),
    title: v.pipe(v.string(), v.minLength(1, 'không được để trống')),
    programme: v.pipe(v.array(v.string(), 'phải là danh sách mã khoá học'), v.minLength(1, 'cần ít nhất một khoá học')),
    categories: v.pipe(v.array(Person.Category, 'phải là danh sách can-bo, cong-chuc, vien-chuc'), v.minLength(1, 'cần ít nhất một nhóm')),
    percent: v.pipe(v.number('phải là số'), v.minValue(1, 'phải từ 1 đến 100'), v.maxValue(100, 'phải từ 1 đến 100')),
    deadline: v.pipe(v.string('phải là ngày dạng 2026-12-31'), v.isoDate('phải là ngày dạng 2026-12-31')),
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
