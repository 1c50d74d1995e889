import * as v from 'valibot';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { getMany } from '../db/batch.ts';
import { keys } from '../db/keys.ts';
import { queryList } from '../db/query.ts';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import * as schema from './schema.ts';

export namespace Org {
  export const Kind = schema.Kind;
  export type Kind = schema.Kind;
  export const kinds = schema.kinds;
  export const Level = schema.Level;
  export type Level = schema.Level;
  export const levels = schema.levels;

  export const Status = v.picklist(['active', 'merged', 'dissolved']);
  export type Status = v.InferOutput<typeof Status>;

  export const Info = v.object({
    id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
    code: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
    name: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
    kind: Kind,
    level: Level,
    parentId: v.nullable(v.string()),
    /** Root first; lets a scope check and a roll-up run without walking the tree. */
    ancestors: v.array(v.string()),
    status: Status,
    /** Effective date (yyyy-mm-dd) the unit was merged or dissolved; with `mergedInto` for a merge. */
    until: v.optional(v.string()),
    mergedInto: v.optional(v.string()),
  });
  export type Info = v.InferOutput<typeof Info>;

  export const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

  /**
   * A unit's code as officers write it, Vietnamese letters included. It ends up in file
   * names, HTTP headers, CSV cells and ids, so it holds nothing that could end a quoted
   * string or a line there: no quotes, `;`, `\`, control characters or line breaks.
   */
  export const Code = v.pipe(
    v.string('mã phải là chuỗi ký tự'),
    v.transform((s) => s.normalize('NFC').trim()),
    v.minLength(1, 'mã không được để trống'),
    v.maxLength(64, 'mã tối đa 64 ký tự'),
    v.regex(
      /^[\p{L}\p{Nd}](?:[\p{L}\p{Nd}\-_./ ]*[\p{L}\p{Nd}])?$/u,
      'mã chỉ được có chữ, số và các dấu - _ . / hoặc khoảng trắng ở giữa (không có dấu nháy, dấu chấm phẩy, dấu \\ hay xuống dòng)',
    ),
  );

  /** The level a kind sets by itself; departments and service units take their parent's. */
  const levelOfKind: Partial<Record<Kind, Level>> = { ministry: 'trung-uong', province: 'tinh', agency: 'tinh', district: 'huyen', commune: 'xa', ward: 'xa' };

  export function levelFor(kind: Kind, parent: Pick<Info, 'level'> | null, explicit?: Level): Level {
    return explicit ?? levelOfKind[kind] ?? parent?.level ?? 'tinh';
  }

  /** A new active unit placed under `parent`, with its ancestors and level worked out. */
  export function make(input: { id: string; code: string; name: string; kind: Kind; level?: Level }, parent: Info | null): Info {
    return {
      id: input.id,
      code: input.code,
      name: input.name,
      kind: input.kind,
      level: levelFor(input.kind, parent, input.level),
      parentId: parent?.id ?? null,
      ancestors: parent ? [...parent.ancestors, parent.id] : [],
      status: 'active',
    };
  }

  export function toItem(unit: Info) {
    return {
      ...keys.unit(unit.id),
      // Merged and dissolved units leave the live tree but stay listed under their former parent.
      ...keys.childIndex(unit),
      type: 'unit',
      ...unit,
    };
  }

  export function fromItem(item: Record<string, unknown>): Info {
    const { id, code, name, kind, level, parentId, ancestors, status, until, mergedInto } = item as Partial<Info> & Pick<Info, 'id' | 'code' | 'name' | 'kind'>;
    return {
      id,
      code,
      name,
      kind,
      level: level ?? levelFor(kind, null),
      parentId: parentId ?? null,
      ancestors: ancestors ?? [],
      status: status ?? 'active',
      ...(until ? { until } : {}),
      ...(mergedInto ? { mergedInto } : {}),
    };
  }

  export const get = fn(Id, async (id): Promise<Info> => {
    const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.unit(id) }));
    if (!out.Item) throw new VisibleError('org.unit_not_found', `Không tìm thấy đơn vị "${id}".`);
    return fromItem(out.Item);
  });

  /** Units by id, in one round trip per hundred; ids not found are absent from the map. */
  export async function getMap(ids: Iterable<string>): Promise<Map<string, Info>> {
    const items = await getMany([...new Set(ids)].map(keys.unit));
    return new Map(items.map((item) => [String(item.id), fromItem(item)]));
  }

  /** The live children of a unit (null: the roots), by code. */
  export const children = fn(v.nullable(Id), async (parentId): Promise<Info[]> => {
    const items = await queryList({ index: 'gsi1', pk: keys.childrenOf(parentId) });
    return items.map(fromItem);
  });

  /** Children that were merged or dissolved: the tree as it was. */
  export async function formerChildren(parentId: string | null): Promise<Info[]> {
    return (await queryList({ index: 'gsi1', pk: keys.formerChildrenOf(parentId) })).map(fromItem);
  }

  /** True when `unit` is `scopeUnitId` itself or lies below it. */
  export function isWithin(unit: Pick<Info, 'id' | 'ancestors'>, scopeUnitId: string): boolean {
    return unit.id === scopeUnitId || unit.ancestors.includes(scopeUnitId);
  }

  /** Every live unit of a subtree, parents before children, one query per unit. */
  export async function* subtree(rootId: string | Info): AsyncGenerator<Info> {
    const queue: Info[] = [typeof rootId === 'string' ? await get(rootId) : rootId];
    while (queue.length > 0) {
      const unit = queue.shift()!;
      yield unit;
      queue.push(...(await children(unit.id)));
    }
  }

  export function assertActive(unit: Info): void {
    if (unit.status !== 'active') {
      throw new VisibleError(
        'org.unit_inactive',
        `Đơn vị "${unit.name}" đã ${unit.status === 'merged' ? 'được hợp nhất' : 'giải thể'}${unit.until ? ` từ ngày ${unit.until}` : ''}.`,
      );
    }
  }
}
