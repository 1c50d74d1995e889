import * as v from 'valibot';
import { randomUUID } from 'node:crypto';
import { Audit } from '../audit/index.ts';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import { vnDay } from '../vn-day.ts';
import type { PendingChange } from './change-schema.ts';
import { Org } from './index.ts';
import { MergeInto, MergeSources, mergeUnits, planMerge } from './merge.ts';
import { Actor } from './reorganise.ts';
import {
  changesDueUpTo,
  deleteAppliedChange,
  deleteDueMark,
  deletePendingChange,
  getPendingChange,
  listPendingChanges,
  putPendingChange,
  setPendingStatus,
} from './store.ts';

/** yyyy-mm-dd after today: a reorganisation announced ahead, e.g. for 1 July. */
export const FutureEffective = v.pipe(
  v.string('ngày hiệu lực phải có dạng 2025-07-01'),
  v.isoDate('ngày hiệu lực phải có dạng 2025-07-01'),
  v.check((d) => d > vnDay(), 'ngày hiệu lực của một thay đổi lên lịch phải sau hôm nay'),
);

/**
 * Records a merge to take effect on a later day. It is checked now as the merge itself would
 * be (the same preview), and again by the daily job on the day, when it is applied.
 */
export const scheduleMerge = fn(
  v.object({ sourceIds: MergeSources, into: MergeInto, effective: FutureEffective, actor: Actor }),
  async (input): Promise<PendingChange> => {
    const plan = await planMerge(input);
    const home = plan.sources[0]!;
    // Listed on the page of the merged units' parent, where the merge was prepared.
    const unitId = (await Org.get(home.id)).parentId ?? plan.into.id;
    const change: PendingChange = {
      id: `${unitId}.${randomUUID().slice(0, 8)}`,
      unitId,
      effective: input.effective,
      action: 'merge',
      input: { sourceIds: plan.sources.map((s) => s.id), into: input.into },
      summary: { sources: plan.sources.map((s) => s.name), into: plan.into.name },
      at: new Date().toISOString(),
      by: input.actor,
      status: 'pending',
    };
    await putPendingChange(change);
    await Audit.record({
      actor: input.actor,
      action: 'org.schedule',
      unitId,
      detail: { id: change.id, change: 'merge', ...change.input, effective: change.effective },
    });
    return change;
  },
);

/** The reorganisations waiting on a unit's page, soonest first. */
export async function pendingChanges(unitId: string): Promise<PendingChange[]> {
  return listPendingChanges(unitId);
}

export async function getPendingChangeById(id: string): Promise<PendingChange> {
  const change = id.includes('.') ? await getPendingChange(id) : null;
  if (!change) throw new VisibleError('org.pending_not_found', 'Không tìm thấy thay đổi đã lên lịch này (có thể đã được huỷ hoặc đã áp dụng).');
  return change;
}

/** Drops a scheduled change before its day; one the daily job is applying cannot be. */
export const cancelScheduled = fn(v.object({ id: v.string(), actor: Actor }), async (input): Promise<PendingChange> => {
  const change = await getPendingChangeById(input.id);
  if (!(await deletePendingChange(change))) throw new VisibleError('org.pending_busy', 'Thay đổi này đang được áp dụng, không huỷ được nữa.');
  await Audit.record({
    actor: input.actor,
    action: 'org.schedule_cancel',
    unitId: change.unitId,
    detail: { id: change.id, change: change.action, effective: change.effective },
  });
  return change;
});

/**
 * The daily job's part: applies every scheduled change due up to `day`, each claimed first so
 * an overlapping run skips it. Reads only the due marks (O(changes due), never the tree). One
 * that cannot be applied any more (a unit merged meanwhile…) stays on its page as failed, saying why.
 */
export async function runDueChanges(day: string): Promise<{ applied: number; failed: number }> {
  let applied = 0;
  let failed = 0;
  for await (const due of changesDueUpTo(day)) {
    const change = await getPendingChange(due.id);
    if (!change) {
      await deleteDueMark(due.key);
      continue;
    }
    if (!(await setPendingStatus(change.id, 'pending', 'applying'))) continue;
    try {
      const result = await mergeUnits({ ...change.input, effective: change.effective, today: day, actor: change.by } as Parameters<typeof mergeUnits>[0]);
      await deleteAppliedChange(change, due.key);
      await Audit.record({
        actor: change.by,
        action: 'org.schedule_apply',
        unitId: change.unitId,
        detail: { id: change.id, change: change.action, effective: change.effective, mergeId: result.mergeId, people: result.people, units: result.units },
      });
      applied++;
    } catch (err) {
      if (!(err instanceof VisibleError)) {
        // Not the change's fault (the table was busy…): tomorrow's run tries again.
        await setPendingStatus(change.id, 'applying', 'pending');
        throw err;
      }
      await setPendingStatus(change.id, 'applying', 'failed', err.message);
      await deleteDueMark(due.key);
      await Audit.record({
        actor: change.by,
        action: 'org.schedule_failed',
        unitId: change.unitId,
        detail: { id: change.id, effective: change.effective, reason: err.message },
      });
      failed++;
    }
  }
  return { applied, failed };
}
