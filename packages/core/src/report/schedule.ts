import * as v from 'valibot';
import { Actor } from '../actor.ts';
import { Audit } from '../audit/index.ts';
import { fn } from '../fn.ts';
import { Org } from '../org/index.ts';
import { archiveKindNames, requestArchive, type Archive } from './archive.ts';
import * as store from './store.ts';

export const Frequency = v.picklist(['monthly', 'quarterly'], 'tần suất phải là hằng tháng (monthly) hoặc hằng quý (quarterly)');
export type Frequency = v.InferOutput<typeof Frequency>;

export type Schedule = {
  id: string;
  unitId: string;
  unitName: string;
  frequency: Frequency;
  createdBy: string;
  createdAt: string;
  nextRun: string;
  lastRun?: string;
};

const VN_OFFSET = 7 * 3600_000;

/**
 * The first day of the next month (or quarter) at 06:00 in Vietnam, after `from`: packs are
 * made for the period just closed, before the working day starts.
 */
export function nextRunAfter(from: Date, frequency: Frequency): string {
  const local = new Date(from.getTime() + VN_OFFSET);
  const month = frequency === 'monthly' ? local.getUTCMonth() + 1 : (Math.floor(local.getUTCMonth() / 3) + 1) * 3;
  return new Date(Date.UTC(local.getUTCFullYear(), month, 1, 6) - VN_OFFSET).toISOString();
}

const scheduleId = (unitId: string, frequency: Frequency) => `${unitId}#${frequency}`;

/** Packs of a unit made monthly or quarterly from now on; the audit log records who set it. */
export const schedule = fn(v.object({ unitId: Org.Id, frequency: Frequency, actor: Actor }), async ({ unitId, frequency, actor }): Promise<Schedule> => {
  const unit = await Org.get(unitId);
  Org.assertActive(unit);
  const now = new Date();
  const item: Schedule = {
    id: scheduleId(unitId, frequency),
    unitId,
    unitName: unit.name,
    frequency,
    createdBy: actor.email,
    createdAt: now.toISOString(),
    nextRun: nextRunAfter(now, frequency),
  };
  await store.putSchedule(item);
  await Audit.record({ actor: actor.email, action: 'report.schedule', unitId, detail: { frequency } });
  return item;
});

/** No more packs of that frequency for the unit; the audit log records who stopped them. */
export const unschedule = fn(v.object({ unitId: Org.Id, frequency: Frequency, actor: Actor }), async ({ unitId, frequency, actor }): Promise<void> => {
  await store.deleteSchedule(unitId, frequency);
  await Audit.record({ actor: actor.email, action: 'report.unschedule', unitId, detail: { frequency } });
});

/** Schedules of the units inside `scope` (null: every unit). One query: schedules are few. */
export async function listSchedules(scope: Pick<Org.Info, 'id'> | null): Promise<Schedule[]> {
  const all = await store.listSchedules();
  if (!scope) return all;
  const units = await Org.getMap(all.map((s) => s.unitId));
  return all.filter((s) => units.has(s.unitId) && Org.isWithin(units.get(s.unitId)!, scope.id));
}

/**
 * Run by the daily job: every schedule that is due is claimed (its next run moved on with
 * a conditional write, so two runs of the job make one pack) and its pack requested, one
 * archive per kind, keyed by the period so a retried job adds nothing.
 */
export async function runDueSchedules(now: Date, start: (archive: Archive) => Promise<void>): Promise<Archive[]> {
  const made: Archive[] = [];
  for (const s of await listSchedules(null)) {
    if (s.nextRun > now.toISOString()) continue;
    if (!(await store.advanceSchedule(s, nextRunAfter(now, s.frequency), now.toISOString()))) continue;
    const unit = await Org.get(s.unitId);
    if (unit.status !== 'active') continue;
    for (const kind of archiveKindNames) {
      const archive = await requestArchive(s.unitId, `lịch ${s.createdBy}`, kind, { requestKey: `${s.id}@${s.nextRun}`, scheduleId: s.id });
      if (!archive.existing) await start(archive);
      made.push(archive);
    }
  }
  return made;
}
