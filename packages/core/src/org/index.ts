import * as v from 'valibot';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { keys } from '../db/keys.ts';
import { queryList } from '../db/query.ts';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';

export namespace Org {
  export const Kind = v.picklist(['province', 'agency', 'department', 'service-unit', 'commune', 'ward', 'other']);
  export type Kind = v.InferOutput<typeof Kind>;

  export const Info = v.object({
    id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
    code: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
    name: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
    kind: Kind,
    parentId: v.nullable(v.string()),
    /** Root first; lets a scope check and a roll-up run without walking the tree. */
    ancestors: v.array(v.string()),
  });
  export type Info = v.InferOutput<typeof Info>;

  export const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

  export function toItem(unit: Info) {
    return {
      ...keys.unit(unit.id),
      gsi1pk: keys.childrenOf(unit.parentId),
      gsi1sk: `${unit.code}#${unit.id}`,
      type: 'unit',
      ...unit,
    };
  }

  export function fromItem(item: Record<string, unknown>): Info {
    const { id, code, name, kind, parentId, ancestors } = item as Info;
    return { id, code, name, kind, parentId: parentId ?? null, ancestors: ancestors ?? [] };
  }

  export const get = fn(Id, async (id): Promise<Info> => {
    const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.unit(id) }));
    if (!out.Item) throw new VisibleError('org.unit_not_found', `Không tìm thấy đơn vị "${id}".`, 404);
    return fromItem(out.Item);
  });

  export const children = fn(v.nullable(Id), async (parentId): Promise<Info[]> => {
    const items = await queryList({ index: 'gsi1', pk: keys.childrenOf(parentId) });
    return items.map(fromItem);
  });

  /** True when `unit` is `scopeUnitId` itself or lies below it. */
  export function isWithin(unit: Pick<Info, 'id' | 'ancestors'>, scopeUnitId: string): boolean {
    return unit.id === scopeUnitId || unit.ancestors.includes(scopeUnitId);
  }

  /** Every unit of a subtree, parents before children, one query per unit. */
  export async function* subtree(rootId: string): AsyncGenerator<Info> {
    const queue: Info[] = [await get(rootId)];
    while (queue.length > 0) {
      const unit = queue.shift()!;
      yield unit;
      queue.push(...(await children(unit.id)));
    }
  }
}
