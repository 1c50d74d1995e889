import { beforeAll, describe, expect, it } from 'vitest';
import {
  Credit,
  Exemption,
  Org,
  Person,
  Readiness,
  Requirement,
  Target,
  createUnit,
  dissolveUnit,
  mergeUnits,
  moveUnit,
  unitHistory,
  updateUnit,
  vnDay,
  VisibleError,
} from '@sansang/core';
import { queryList } from '../db/query.ts';
import { keys } from '../db/keys.ts';
import { subtreeOf } from '../readiness/counters.ts';
import { useFreshTable } from '../../../../test/support/db.ts';
import { smallProvince, target } from '../../../../test/support/fixtures.ts';

let tree: Awaited<ReturnType<typeof smallProvince>>;
const actor = 'quantri@tinh.gov.vn';
const complete = (person: Person.Info) => Readiness.recordCompletion({ person, slug: 'khoa-mau', version: 1 });
const trainedAt = async (unitId: string) => (await Readiness.forUnit({ unitId, targetId: target.id })).trained;
const agrees = async (today?: string) => {
  await Readiness.sweepRollups();
  expect((await Readiness.rebuild({ write: false, today })).mismatches).toEqual([]);
};
/** A refusal the domain gives on purpose (an overlap, someone who left, a duplicate) is part of the run. */
const refusalsAllowed = (e: unknown) => {
  if (!(e instanceof VisibleError)) throw e;
};

/** Seeded, so a failure replays the same way. */
function random(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

describe('reorganising the org tree', () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(4);
  });

  it('creates and renames units with an effective date, keeping their history', async () => {
    const xa2 = await createUnit({ code: 'XA-2', name: 'Xã Tân Phú', kind: 'commune', parentId: tree.province.id, effective: '2025-07-01', actor });
    expect(xa2).toMatchObject({ id: 'xa-2', level: 'xa', ancestors: [tree.province.id], status: 'active' });
    await updateUnit({ unitId: xa2.id, name: 'Xã Tân Phú Mới', effective: '2025-08-01', actor });
    expect((await Org.get(xa2.id)).name).toBe('Xã Tân Phú Mới');
    expect((await unitHistory(xa2.id)).map((e) => [e.action, e.effective])).toEqual([
      ['created', '2025-07-01'],
      ['renamed', '2025-08-01'],
    ]);
    await expect(
      createUnit({ code: 'xa 2', name: 'Trùng', kind: 'commune', parentId: tree.province.id, effective: '2025-07-01', actor }),
    ).rejects.toMatchObject({ code: 'org.code_taken' });
    await expect(updateUnit({ unitId: xa2.id, name: 'Sau này', effective: '2999-01-01', actor })).rejects.toMatchObject({ code: 'request.invalid' });
  });

  it('moves a subtree: its totals leave the old ancestors and join the new, with nothing lost', async () => {
    const sở2 = await createUnit({ code: 'SO-2', name: 'Sở Tài chính', kind: 'agency', parentId: tree.province.id, effective: '2025-07-01', actor });
    const inDept1 = tree.people.filter((p) => p.unitId === tree.dept1.id);
    for (const p of inDept1.slice(0, 2)) await complete(p);
    expect(await trainedAt(tree.agency.id)).toBe(2);
    await moveUnit({ unitId: tree.dept1.id, parentId: sở2.id, effective: '2025-09-01', actor });
    expect((await Org.get(tree.dept1.id)).ancestors).toEqual([tree.province.id, sở2.id]);
    expect(await trainedAt(tree.agency.id)).toBe(0);
    expect(await trainedAt(sở2.id)).toBe(2);
    expect(await trainedAt(tree.province.id)).toBe(2);
    expect((await Readiness.forUnit({ unitId: sở2.id, targetId: target.id })).staff).toBe(inDept1.length);
    await expect(moveUnit({ unitId: sở2.id, parentId: tree.dept1.id, effective: '2025-09-01', actor })).rejects.toMatchObject({ code: 'org.move_cycle' });
    await agrees();
  });

  it('re-counts people in their new class when a unit changes kind and level', async () => {
    const scoped: Target.Info = { ...target, id: 'cap-xa', title: '90% cán bộ cấp xã', levels: ['xa'], percent: 90 };
    await Target.put(scoped);
    // As the admin's Target.set does: who already holds the programme is trained for the new target.
    await Readiness.retrain(scoped.id);
    const before = await Readiness.forUnit({ unitId: tree.province.id, targetId: scoped.id });
    const moved = tree.people.filter((p) => p.unitId === tree.dept2.id).length;
    // A department made a commune-level service unit: its people now count for the commune target.
    await updateUnit({ unitId: tree.dept2.id, kind: 'service-unit', level: 'xa', effective: '2025-10-01', actor });
    const after = await Readiness.forUnit({ unitId: tree.province.id, targetId: scoped.id });
    expect(after.staff).toBe(before.staff + moved);
    await agrees();
  });

  it('merges units: people, their completions and history go to the new unit; past reports still add up', async () => {
    // Before the merge: a snapshot of a week in which the old tree stood.
    const communePeople = tree.people.filter((p) => p.unitId === tree.commune.id);
    await complete(communePeople[0]!);
    await Readiness.snapshotWeek(new Date('2025-06-20T03:00:00Z'));
    const past = await Readiness.forUnit({ unitId: tree.province.id, targetId: target.id, date: '2025-06-20' });
    const xa2 = await Org.get('xa-2');
    const { into, people } = await mergeUnits({
      sourceIds: [tree.commune.id, xa2.id],
      into: { code: 'XA-MOI', name: 'Xã Hợp Nhất', kind: 'commune', parentId: tree.province.id },
      effective: '2025-07-01',
      actor,
    });
    expect(people).toBe(communePeople.length);
    expect(await Org.get(tree.commune.id)).toMatchObject({ status: 'merged', mergedInto: into.id, until: '2025-07-01' });
    expect((await Org.children(tree.province.id)).map((u) => u.id)).not.toContain(tree.commune.id);
    expect((await Org.formerChildren(tree.province.id)).map((u) => u.id).sort()).toEqual([tree.commune.id, xa2.id].sort());
    expect((await Person.get(communePeople[0]!.id)).unitId).toBe(into.id);
    expect(await trainedAt(into.id)).toBe(1);
    const moves = await queryList({ pk: keys.personPartition(communePeople[0]!.id), skPrefix: keys.movePrefix });
    expect(moves).toMatchObject([{ fromUnitId: tree.commune.id, toUnitId: into.id, effective: '2025-07-01', reason: 'merge' }]);
    await expect(updateUnit({ unitId: tree.commune.id, name: 'x', effective: '2025-07-02', actor })).rejects.toMatchObject({ code: 'org.unit_inactive' });

    // The report for the earlier date shows the old communes, and its rows add up to its total.
    const again = await Readiness.forUnit({ unitId: tree.province.id, targetId: target.id, date: '2025-06-20' });
    expect(again.asOfWeek).toBe('2025-W25');
    expect(again.children.map((c) => c.id)).toContain(tree.commune.id);
    expect(again.children.map((c) => c.id)).not.toContain(into.id);
    expect(again.children).toEqual(past.children);
    // Nobody sits in the province committee itself in this tree: the children are the whole.
    expect(again.children.reduce((s, c) => s + c.trained, 0)).toBe(again.trained);
    expect(again.children.reduce((s, c) => s + c.staff, 0)).toBe(again.staff);
    await agrees();
  });

  it('dissolves only an empty unit', async () => {
    await expect(dissolveUnit({ unitId: tree.dept2.id, effective: '2025-11-01', actor })).rejects.toMatchObject({ code: 'org.unit_not_empty' });
    const empty = await createUnit({ code: 'TRONG', name: 'Phòng sắp giải thể', kind: 'department', parentId: tree.agency.id, effective: '2025-01-01', actor });
    expect(await dissolveUnit({ unitId: empty.id, effective: '2025-11-01', actor })).toMatchObject({ status: 'dissolved' });
    expect((await Org.children(tree.agency.id)).map((u) => u.id)).not.toContain(empty.id);
  });

  it('keeps counters equal to a rebuild after a random run of completions, retakes, expiries, exemptions starting and ending, credits, moves and merges, with targets of a sở and of a phòng whose counters stop at them', async () => {
    const rand = random(20260701);
    const pick = <T>(list: T[]) => list[Math.floor(rand() * list.length)]!;
    const liveUnits = async () => {
      const out: Org.Info[] = [];
      for await (const u of Org.subtree(tree.province.id)) out.push(u);
      return out;
    };
    // Targets set below the province: units moving in and out of their owners' subtrees start and stop counting them.
    const department = (await liveUnits()).find((u) => u.kind === 'department')!;
    const owned: Target.Info[] = [
      { ...target, id: 'rieng-so', unitId: tree.agency.id },
      { ...target, id: 'rieng-phong', unitId: department.id },
    ];
    for (const t of owned) {
      await Target.put(t);
      await Readiness.retrain(t.id);
    }
    // Days pass during the run: exemptions start and end, and completions of a monthly target
    // enter their renewal window and lapse, by the daily job's due marks; completions and
    // retakes happen on the run's day.
    let today = vnDay();
    const monthly: Target.Info = { ...target, id: 'hang-thang', validity: { months: 1 }, renewalDays: 10 };
    await Target.put(monthly);
    const onDay = (person: Person.Info, again = false) =>
      Readiness.recordCompletion({ person, slug: 'khoa-mau', version: 1, again, at: new Date(`${today}T12:00:00+07:00`).toISOString() });
    let expired = 0;
    const credit = (person: Person.Info, n: number) =>
      Credit.submit({
        actor: { email: actor },
        within: null,
        approve: true,
        input: {
          employeeCode: person.employeeCode,
          issuer: 'Trung tâm Sát hạch',
          number: `SH-${n}`,
          issuedOn: '2025-01-01',
          courses: ['khoa-mau'],
          evidence: { fileName: 'cc.pdf', data: Buffer.from('%PDF-1.4\n%%EOF').toString('base64') },
        },
      });
    for (let step = 0; step < 60; step++) {
      const units = await liveUnits();
      const roll = rand();
      const person = await Person.get(pick(tree.people).id);
      if (roll < 0.3) {
        // A first completion, or a retake of the quiz once completed.
        const done = (await Readiness.trainedMarksOf(person.id)).length > 0;
        if (person.status === 'active') await onDay(person, done).catch(refusalsAllowed);
      } else if (roll < 0.42) {
        const from = Requirement.addDays(today, Math.floor(rand() * 20) - 10);
        const input = {
          employeeCode: person.employeeCode,
          targetId: pick([null, null, target.id, ...owned.map((t) => t.id)]),
          reason: 'thai-san' as const,
          from,
          until: Requirement.addDays(from, 5 + Math.floor(rand() * 30)),
        };
        await Exemption.create({ actor: { email: actor }, within: null, input, today }).catch(refusalsAllowed);
      } else if (roll < 0.48) {
        await credit(person, step).catch(refusalsAllowed);
      } else if (roll < 0.56) {
        today = Requirement.addDays(today, Math.floor(rand() * 15));
        await Exemption.runDue(today);
        await Readiness.runLapses(today);
        expired = Math.max(expired, (await Readiness.forUnit({ unitId: tree.province.id, targetId: monthly.id })).expired);
      } else if (roll < 0.75) {
        const to = pick(units);
        await Readiness.changePeople([{ personId: person.id, next: (p) => ({ ...p!, unitId: to.id }), reason: 'move' }], { actor });
      } else if (roll < 0.85) {
        await Readiness.changePeople([{ personId: person.id, next: (p) => ({ ...p!, status: p!.status === 'active' ? 'left' : 'active' }) }], { actor });
      } else if (roll < 0.93) {
        const unit = pick(units.filter((u) => u.parentId));
        const parent = pick(units.filter((u) => u.id !== unit.id && !u.ancestors.includes(unit.id)));
        if (parent.id !== unit.parentId) await moveUnit({ unitId: unit.id, parentId: parent.id, effective: '2025-12-01', actor });
      } else {
        const leaves = units.filter((u) => u.parentId && !units.some((c) => c.parentId === u.id));
        const [a, b] = [pick(leaves), pick(leaves)];
        if (a.id !== b.id && !b.ancestors.includes(a.id)) await mergeUnits({ sourceIds: [a.id], into: { unitId: b.id }, effective: '2025-12-01', actor });
      }
    }
    await Exemption.runDue(today);
    await Readiness.runLapses(today);
    const exempted = (await Exemption.list({ unitId: tree.province.id, today })).exemptions;
    // The run must have exercised what it claims to: exemptions in force and ended, and credits.
    const states = new Set(exempted.map((e) => e.state));
    expect([states.has('active'), states.has('ended')]).toEqual([true, true]);
    expect((await Credit.list({ unitId: tree.province.id })).credits.length).toBeGreaterThan(0);
    // Completions lapsed at some point, and retakes renewed some.
    const marks = await Promise.all(
      tree.people.map((p) => queryList<{ renewedFrom?: string }>({ pk: keys.personPartition(p.id), skPrefix: `${keys.trainedPrefix}${monthly.id}` })),
    );
    expect([expired > 0, marks.flat().some((m) => m.renewedFrom)]).toEqual([true, true]);
    await agrees(today);
    // The owned targets were counted, and only below their owners.
    const stillSet = [];
    for (const t of owned) if ((await Org.get(t.unitId!)).status === 'active') stillSet.push(t);
    expect(stillSet.length).toBeGreaterThan(0);
    for (const t of stillSet) expect((await Readiness.forUnit({ unitId: t.unitId!, targetId: t.id })).trained).toBeGreaterThan(0);
    const atProvince = Object.keys(await subtreeOf(tree.province.id));
    expect(atProvince.filter((name) => owned.some((t) => Target.targetOfCounter(name) === t.id))).toEqual([]);
    const root = await Readiness.forUnit({ unitId: tree.province.id, targetId: target.id });
    expect(root.inScope).toBe((await Promise.all(tree.people.map((p) => Person.get(p.id)))).filter((p) => p.status === 'active').length);
  });
});
