import * as v from 'valibot';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import { levelFor as levelOf } from './level.ts';
import * as schema from './schema.ts';
import * as store from './store.ts';

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
  export const levelFor = levelOf;

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

  /** The unit's item (keys, children index) and back: for other domains' stores, seeding and tests. */
  export const toItem = store.toItem;
  export const fromItem = store.fromItem;

  export const get = fn(Id, async (id): Promise<Info> => {
    const unit = await store.getUnit(id);
    if (!unit) throw new VisibleError('org.unit_not_found', `Không tìm thấy đơn vị "${id}".`);
    return unit;
  });

  /** Units by id, in one round trip per hundred; ids not found are absent from the map. */
  export async function getMap(ids: Iterable<string>): Promise<Map<string, Info>> {
    return store.getUnits(ids);
  }

  /** The live children of a unit (null: the roots), by code. */
  export const children = fn(v.nullable(Id), async (parentId): Promise<Info[]> => {
    return store.listChildren(parentId);
  });

  /** Children that were merged or dissolved: the tree as it was. */
  export async function formerChildren(parentId: string | null): Promise<Info[]> {
    return store.listFormerChildren(parentId);
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
