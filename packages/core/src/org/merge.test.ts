import { beforeAll, describe, expect, it } from 'vitest';
import {
  Audit,
  Org,
  Person,
  Readiness,
  Requirement,
  cancelScheduled,
  createUnit,
  mergeUnits,
  pendingChanges,
  planMerge,
  runDueChanges,
  scheduleMerge,
  undoMerge,
  undoableMerges,
  unitHistory,
  vnDay,
} from '@sansang/core';
import { useFreshTable } from '../../../../test/support/db.ts';
import { smallProvince, target } from '../../../../test/support/fixtures.ts';

let tree: Awaited<ReturnType<typeof smallProvince>>;
const actor = 'quantri@tinh.gov.vn';
const agrees = async (today?: string) => {
  await Readiness.sweepRollups();
  expect((await Readiness.rebuild({ write: false, today })).mismatches).toEqual([]);
};
const today = vnDay();
const tomorrow = Requirement.addDays(today, 1);
// The audit log files entries by UTC day, which from 17:00 UTC on is the day before Vietnam's.
const auditActions = async () => (await Audit.list({ from: Requirement.addDays(today, -1), to: tomorrow })).map((e) => e.action);
const unitOf = async (personId: string) => (await Person.get(personId)).unitId;

/** A commune with `n` people, one of them trained, and a department under it. */
async function commune(code: string, n: number): Promise<{ unit: Org.Info; dept: Org.Info; people: string[] }> {
  const unit = await createUnit({ code, name: `Xã ${code}`, kind: 'commune', parentId: tree.province.id, effective: '2025-07-01', actor });
  const dept = await createUnit({ code: `${code}-VP`, name: `Văn phòng ${code}`, kind: 'department', parentId: unit.id, effective: '2025-07-01', actor });
  const people = Array.from({ length: n }, (_, i) => `p-${code.toLowerCase()}-${i}`);
  await Readiness.changePeople(
    people.map((id, i) => ({
      personId: id,
      next: () => ({
        id,
        employeeCode: id.toUpperCase(),
        fullName: `Trần Thị ${code} ${String(i).padStart(2, '0')}`,
        email: null,
        unitId: i === 0 ? dept.id : unit.id,
        category: 'cong-chuc' as const,
        position: 'Chuyên viên',
        status: 'active' as const,
      }),
    })),
    { actor },
  );
  await Readiness.recordCompletion({ person: await Person.get(people[1]!), slug: 'khoa-mau', version: 1 });
  return { unit, dept, people };
}

describe('merging with a preview, an undo window and a date ahead', () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(3);
  });

  it('previews who moves where, changing nothing; two ticked units are both merged, and the parent’s history says so', async () => {
    const a = await commune('XA-A', 4);
    const b = await commune('XA-B', 53);
    const into = { code: 'XA-AB', name: 'Xã A B', kind: 'commune' as const, parentId: tree.province.id };
    const plan = await planMerge({ sourceIds: [a.unit.id, b.unit.id], into });
    expect(plan.into).toMatchObject({ id: 'xa-ab', name: 'Xã A B', exists: false });
    expect(plan.sources.map((s) => [s.id, s.people, s.units.map((u) => u.id)])).toEqual([
      [a.unit.id, 3, [a.dept.id]],
      [b.unit.id, 52, [b.dept.id]],
    ]);
    // The first fifty names; the page says how many more.
    expect(plan.sources[1]!.names).toHaveLength(50);
    expect(plan.sources[1]!.names[0]).toBe('Trần Thị XA-B 01');
    expect([plan.people, plan.units]).toEqual([55, 2]);
    await expect(Org.get('xa-ab')).rejects.toMatchObject({ code: 'org.unit_not_found' });
    // A unit ticked both as merged and as the one merged into is refused, not dropped.
    await expect(planMerge({ sourceIds: [a.unit.id, b.unit.id], into: { unitId: a.unit.id } })).rejects.toMatchObject({ code: 'org.merge_cycle' });

    const before = (await Readiness.forUnit({ unitId: tree.province.id, targetId: target.id })).trained;
    const merged = await mergeUnits({ sourceIds: [a.unit.id, b.unit.id], into, effective: today, actor });
    expect([merged.people, merged.units]).toEqual([55, 2]);
    for (const s of [a, b]) expect(await Org.get(s.unit.id)).toMatchObject({ status: 'merged', mergedInto: 'xa-ab' });
    expect((await Org.get(a.dept.id)).parentId).toBe('xa-ab');
    expect(await unitOf(b.people[5]!)).toBe('xa-ab');
    expect((await Readiness.forUnit({ unitId: 'xa-ab', targetId: target.id })).trained).toBe(2);
    const parentHistory = await unitHistory(tree.province.id);
    expect(parentHistory.filter((e) => e.action === 'merged-below')).toMatchObject([
      { detail: { sources: [{ id: a.unit.id }, { id: b.unit.id }], into: { id: 'xa-ab' }, people: 55, units: 2, mergeId: merged.mergeId } },
    ]);
    expect(await undoableMerges(parentHistory)).toEqual([{ mergeId: merged.mergeId, undoUntil: merged.undoUntil }]);
    await agrees();

    // Undone: the communes are back with their people and offices, the unit made for the merge closes, counters agree.
    await undoMerge({ mergeId: merged.mergeId, actor });
    for (const s of [a, b]) {
      expect(await Org.get(s.unit.id)).toMatchObject({ status: 'active', parentId: tree.province.id });
      expect((await Org.get(s.dept.id)).parentId).toBe(s.unit.id);
      expect(await unitOf(s.people[0]!)).toBe(s.dept.id);
      expect(await unitOf(s.people[2]!)).toBe(s.unit.id);
      expect((await Readiness.forUnit({ unitId: s.unit.id, targetId: target.id })).trained).toBe(1);
    }
    expect(await Org.get('xa-ab')).toMatchObject({ status: 'dissolved' });
    expect((await Readiness.forUnit({ unitId: tree.province.id, targetId: target.id })).trained).toBe(before);
    const after = await unitHistory(tree.province.id);
    expect(after.filter((e) => e.action === 'merge-undone')).toHaveLength(1);
    expect((await unitHistory(a.unit.id)).map((e) => e.action)).toContain('merge-undone');
    expect(await undoableMerges(after)).toEqual([]);
    expect(await auditActions()).toContain('org.merge_undo');
    await expect(undoMerge({ mergeId: merged.mergeId, actor })).rejects.toMatchObject({ code: 'org.undo_done' });
    await agrees();
  });

  it('refuses an undo once someone changed what the merge moved, or after its window', async () => {
    const c = await commune('XA-C', 3);
    const d = await commune('XA-D', 3);
    const first = await mergeUnits({ sourceIds: [c.unit.id], into: { unitId: d.unit.id }, effective: today, actor });
    await expect(undoMerge({ mergeId: first.mergeId, actor, now: new Date(Date.now() + 25 * 3600_000) })).rejects.toMatchObject({ code: 'org.undo_expired' });
    await Readiness.changePeople([{ personId: c.people[1]!, next: (p) => ({ ...p!, unitId: tree.dept1.id }), reason: 'move' }], { actor });
    await expect(undoMerge({ mergeId: first.mergeId, actor })).rejects.toMatchObject({ code: 'org.undo_stale' });
    expect(await Org.get(c.unit.id)).toMatchObject({ status: 'merged' });
    await agrees();
  });

  it('schedules a merge for a later day, lists and cancels it; the daily job applies one on its day, or says why it cannot', async () => {
    const e = await commune('XA-E', 2);
    const f = await commune('XA-F', 2);
    await expect(scheduleMerge({ sourceIds: [e.unit.id], into: { unitId: f.unit.id }, effective: today, actor })).rejects.toMatchObject({
      code: 'request.invalid',
    });
    const dropped = await scheduleMerge({ sourceIds: [e.unit.id], into: { unitId: f.unit.id }, effective: tomorrow, actor });
    expect(await pendingChanges(tree.province.id)).toMatchObject([
      { id: dropped.id, effective: tomorrow, status: 'pending', summary: { sources: ['Xã XA-E'], into: 'Xã XA-F' } },
    ]);
    await cancelScheduled({ id: dropped.id, actor });
    expect(await pendingChanges(tree.province.id)).toEqual([]);
    await expect(cancelScheduled({ id: dropped.id, actor })).rejects.toMatchObject({ code: 'org.pending_not_found' });

    const kept = await scheduleMerge({ sourceIds: [e.unit.id], into: { unitId: f.unit.id }, effective: tomorrow, actor });
    // Not due today: nothing happens.
    expect(await runDueChanges(today)).toEqual({ applied: 0, failed: 0 });
    expect((await Org.get(e.unit.id)).status).toBe('active');
    expect(await runDueChanges(tomorrow)).toEqual({ applied: 1, failed: 0 });
    expect(await Org.get(e.unit.id)).toMatchObject({ status: 'merged', mergedInto: f.unit.id, until: tomorrow });
    expect(await unitOf(e.people[1]!)).toBe(f.unit.id);
    expect(await pendingChanges(tree.province.id)).toEqual([]);
    // A second run of the same day finds nothing left.
    expect(await runDueChanges(tomorrow)).toEqual({ applied: 0, failed: 0 });

    // A change whose unit was merged meanwhile stays listed, failed, saying why.
    const g = await commune('XA-G', 2);
    const late = await scheduleMerge({ sourceIds: [g.unit.id], into: { unitId: f.unit.id }, effective: tomorrow, actor });
    await mergeUnits({ sourceIds: [g.unit.id], into: { unitId: tree.commune.id }, effective: today, actor });
    expect(await runDueChanges(tomorrow)).toEqual({ applied: 0, failed: 1 });
    expect(await pendingChanges(tree.province.id)).toMatchObject([{ id: late.id, status: 'failed', failure: expect.stringContaining('đã được hợp nhất') }]);
    expect(await auditActions()).toEqual(expect.arrayContaining(['org.schedule', 'org.schedule_cancel', 'org.schedule_apply', 'org.schedule_failed']));
    expect(kept.id).not.toBe(late.id);
    await agrees(tomorrow);
  });
});
