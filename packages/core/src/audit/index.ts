import * as v from 'valibot';
import { randomUUID } from 'node:crypto';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import { Org } from '../org/index.ts';
import * as schema from './schema.ts';
import { newestOfDay, putEntry } from './store.ts';
import * as units from './units.ts';

export namespace Audit {
  export const actionName = schema.actionName;
  export type UnitName = units.UnitName;
  export const unitNames = units.unitNames;
  export const findUnit = units.findUnit;
  export type Entry = { actor: string; action: string; unitId?: string | null; detail?: Record<string, unknown> };
  /** An entry as read back: what happened and a stable id, never the item's table or index keys. */
  export type Listed = Entry & { at: string; id: string };
  type Stored = Listed & { unitPath: string[] };
  const listed = ({ id, at, actor, action, unitId, detail }: Stored): Listed => ({
    id,
    at,
    actor,
    action,
    unitId: unitId ?? null,
    ...(detail ? { detail } : {}),
  });

  /**
   * Append-only: every entry is a new item under its day, written with a condition that it
   * does not exist; nothing updates or deletes one. The unit's path is kept with the entry
   * so an admin of a subtree sees exactly the entries of that subtree.
   */
  export async function record(
    entry: Entry,
    /** The entry's unit when the caller has read it already (a reminder run, thousands of entries): not read again. */
    known?: Pick<Org.Info, 'id' | 'ancestors'>,
  ): Promise<void> {
    const at = new Date();
    const id = randomUUID();
    const unit = entry.unitId ? (known?.id === entry.unitId ? known : await Org.get(entry.unitId).catch(() => null)) : null;
    await putEntry(at, id, { ...entry, unitPath: unit ? [...unit.ancestors, unit.id] : [] });
  }

  const MAX_DAYS = 92;
  const Day = v.pipe(v.string(), v.isoDate('ngày phải có dạng YYYY-MM-DD'));

  /** Entries between two days (inclusive, at most 92 days), newest first, filtered by actor and unit subtree. */
  export const list = fn(
    v.object({
      from: Day,
      to: Day,
      actor: v.optional(v.pipe(v.string(), v.maxLength(320))),
      unitId: v.optional(v.nullable(v.string())),
      limit: v.optional(v.number(), 1000),
    }),
    async ({ from, to, actor, unitId, limit }): Promise<Listed[]> => {
      const start = Date.parse(`${from}T00:00:00Z`);
      const end = Date.parse(`${to}T00:00:00Z`);
      if (end < start) throw new VisibleError('request.invalid', 'Ngày kết thúc phải sau ngày bắt đầu.');
      if ((end - start) / 86_400_000 > MAX_DAYS) throw new VisibleError('request.invalid', `Mỗi lần xem tối đa ${MAX_DAYS} ngày.`);
      const wanted = (item: Stored) => (!actor || item.actor === actor.trim().toLowerCase()) && (!unitId || (item.unitPath ?? []).includes(unitId));
      const out: Listed[] = [];
      for (let day = end; day >= start && out.length < limit; day -= 86_400_000) {
        // A day's shards are read side by side, each newest first, then merged by time.
        const shards = await newestOfDay<Stored>(new Date(day), wanted, limit - out.length);
        const merged = shards.flat().sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id.localeCompare(a.id)));
        out.push(...merged.slice(0, limit - out.length).map(listed));
      }
      return out;
    },
  );
}
