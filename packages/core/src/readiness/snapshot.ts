import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { keys } from '../db/keys.ts';
import { Org } from '../org/index.ts';
import { subtreeOf } from './counters.ts';

/** ISO-8601 week of a date, as `2026-W48`. */
export function isoWeek(at: Date): string {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  const day = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * Copies every unit's subtree counters into a snapshot for the week, so the weekly pace and
 * the history chart read one item per week instead of recomputing the past. Walks the tree
 * from its roots (one query per unit); run by the scheduled job, never on a request.
 * Running it twice in a week overwrites that week's snapshot with fresher figures.
 */
export async function snapshotWeek(at = new Date()): Promise<{ week: string; units: number }> {
  const week = isoWeek(at);
  let units = 0;
  const queue = await Org.children(null);
  while (queue.length > 0) {
    const unit = queue.shift()!;
    const [counters, children] = await Promise.all([subtreeOf(unit.id), Org.children(unit.id)]);
    await db().send(new PutCommand({
      TableName: tableName(),
      Item: { ...keys.unitSnapshot(unit.id, week), type: 'snapshot', week, takenAt: at.toISOString(), counters },
    }));
    queue.push(...children);
    units++;
  }
  return { week, units };
}
