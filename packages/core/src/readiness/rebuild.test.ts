import { beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Readiness, type Person } from '@sansang/core';
import { db, tableName } from '../db/client.ts';
import { keys } from '../db/keys.ts';
import type { Mismatch } from './counters.ts';
import { useFreshTable } from '../../../../test/support/db.ts';
import { smallProvince } from '../../../../test/support/fixtures.ts';

/*
 * Each test damages one kind of stored item the way a bug or a hand edit could, and expects
 * a dry rebuild to name what differs, `write: true` to repair it, and a second dry run to
 * find nothing. Expected figures are counted by hand from the fixture:
 *
 *   tinh ── so (3 people) ── phong-1 (3), phong-2 (3)
 *        └─ xa (3)
 *   people i = 0, 1, 2 of a unit are can-bo, cong-chuc, vien-chuc;
 *   phong-1 #0, phong-1 #1 and xa #0 finish khoa-mau, the whole programme of target muc-tieu.
 */
let tree: Awaited<ReturnType<typeof smallProvince>>;
const person = (unitId: string, i: number): Person.Info => tree.people.filter((p) => p.unitId === unitId)[i]!;

const DEPT_CAN_BO = 'trained:muc-tieu|tinh|department|can-bo';
const DEPT_CONG_CHUC = 'trained:muc-tieu|tinh|department|cong-chuc';
const DEPT_VIEN_CHUC = 'trained:muc-tieu|tinh|department|vien-chuc';
const COMMUNE_CAN_BO = 'trained:muc-tieu|xa|commune|can-bo';

const trainedAt = async (unitId: string) => (await Readiness.forUnit({ unitId })).trained;

/** A dry run must name exactly `mismatches`; a write must repair them so that a second dry run names none. */
async function expectCaughtAndRepaired(mismatches: Mismatch[]) {
  const found = await Readiness.rebuild({ write: false });
  expect(found.mismatches).toHaveLength(mismatches.length);
  expect(found.mismatches).toEqual(expect.arrayContaining(mismatches));
  expect((await Readiness.rebuild({ write: false })).mismatches, 'a dry run changes nothing').toHaveLength(mismatches.length);
  expect((await Readiness.rebuild({ write: true })).mismatches).toHaveLength(mismatches.length);
  expect((await Readiness.rebuild({ write: false })).mismatches).toEqual([]);
}

describe('rebuild catches and repairs', () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(3);
    for (const p of [person('phong-1', 0), person('phong-1', 1), person('xa', 0)]) {
      await Readiness.recordCompletion({ person: p, slug: 'khoa-mau', version: 1 });
    }
    await Readiness.snapshotWeek(new Date('2026-11-10T03:00:00Z')); // 2026-W46
    expect((await Readiness.rebuild({ write: false })).mismatches).toEqual([]);
    expect(await trainedAt('tinh')).toBe(3);
  });

  it("a unit's own counter", async () => {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.unitStats('phong-1'),
        UpdateExpression: 'SET #c = :n',
        ExpressionAttributeNames: { '#c': 'completed:khoa-mau' },
        ExpressionAttributeValues: { ':n': 5 },
      }),
    );
    await expectCaughtAndRepaired([{ unitId: 'phong-1', scope: 'own', counter: 'completed:khoa-mau', expected: 2, actual: 5 }]);
    expect(await Readiness.ownCounters('phong-1')).toMatchObject({ 'completed:khoa-mau': 2, [DEPT_CAN_BO]: 1, [DEPT_CONG_CHUC]: 1 });
  });

  it('one shard of a subtree total, as an HR officer would read it', async () => {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.unitSubtreeShard('so', 7),
        UpdateExpression: 'ADD #c :n',
        ExpressionAttributeNames: { '#c': DEPT_VIEN_CHUC },
        ExpressionAttributeValues: { ':n': 1 },
      }),
    );
    expect(await trainedAt('so')).toBe(3); // the dashboard now shows one too many
    await expectCaughtAndRepaired([{ unitId: 'so', scope: 'subtree', counter: DEPT_VIEN_CHUC, expected: 0, actual: 1 }]);
    expect(await trainedAt('so')).toBe(2);
    expect(await trainedAt('tinh')).toBe(3);
  });

  it('a trained mark gone missing (the person would be listed as untrained)', async () => {
    const p = person('phong-1', 1);
    await db().send(new DeleteCommand({ TableName: tableName(), Key: keys.trained(p.id, 'muc-tieu') }));
    expect((await Readiness.untrained({ unitId: 'phong-1' })).people.map((u) => u.id)).toContain(p.id);
    await expectCaughtAndRepaired([{ unitId: 'phong-1', scope: 'record', counter: 'exists', expected: 1, actual: 0, item: `PERSON#${p.id}/TRAINED#muc-tieu` }]);
    expect((await Readiness.untrained({ unitId: 'phong-1' })).people.map((u) => u.id)).toEqual([person('phong-1', 2).id]);
  });

  it('a trained mark counting in the wrong class', async () => {
    const p = person('phong-1', 1);
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.trained(p.id, 'muc-tieu'),
        UpdateExpression: 'SET delta = :d',
        ExpressionAttributeValues: { ':d': { [DEPT_VIEN_CHUC]: 1 } },
      }),
    );
    const item = `PERSON#${p.id}/TRAINED#muc-tieu`;
    await expectCaughtAndRepaired([
      { unitId: 'phong-1', scope: 'record', counter: DEPT_CONG_CHUC, expected: 1, actual: 0, item },
      { unitId: 'phong-1', scope: 'record', counter: DEPT_VIEN_CHUC, expected: 0, actual: 1, item },
    ]);
    const repaired = await db().send(new GetCommand({ TableName: tableName(), Key: keys.trained(p.id, 'muc-tieu') }));
    expect(repaired.Item?.delta).toEqual({ [DEPT_CONG_CHUC]: 1 });
  });

  it('a trained mark, counted, for someone who never finished the programme', async () => {
    const p = person('phong-2', 0);
    const unit = tree.dept2;
    await db().send(
      new PutCommand({ TableName: tableName(), Item: Readiness.asItem(Readiness.trained({ person: p, unit }, { id: 'muc-tieu' }, '2026-11-01T00:00:00Z')) }),
    );
    for (const key of [keys.unitStats('phong-2'), keys.unitSubtreeShard('phong-2', 0), keys.unitSubtreeShard('so', 0), keys.unitSubtreeShard('tinh', 0)]) {
      await db().send(
        new UpdateCommand({
          TableName: tableName(),
          Key: key,
          UpdateExpression: 'ADD #c :n',
          ExpressionAttributeNames: { '#c': DEPT_CAN_BO },
          ExpressionAttributeValues: { ':n': 1 },
        }),
      );
    }
    expect(await trainedAt('tinh')).toBe(4);
    await expectCaughtAndRepaired([
      { unitId: 'phong-2', scope: 'record', counter: 'exists', expected: 0, actual: 1, item: `PERSON#${p.id}/TRAINED#muc-tieu` },
      { unitId: 'phong-2', scope: 'own', counter: DEPT_CAN_BO, expected: 0, actual: 1 },
      { unitId: 'phong-2', scope: 'subtree', counter: DEPT_CAN_BO, expected: 0, actual: 1 },
      { unitId: 'so', scope: 'subtree', counter: DEPT_CAN_BO, expected: 1, actual: 2 },
      { unitId: 'tinh', scope: 'subtree', counter: DEPT_CAN_BO, expected: 1, actual: 2 },
    ]);
    expect(await trainedAt('tinh')).toBe(3);
    expect((await Readiness.untrained({ unitId: 'phong-2' })).people.map((u) => u.id)).toContain(p.id);
  });

  it("a weekly snapshot's totals, as a report for a past date reads them", async () => {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.unitSnapshot('tinh', '2026-W46'),
        UpdateExpression: 'SET counters.#c = :n',
        ExpressionAttributeNames: { '#c': COMMUNE_CAN_BO },
        ExpressionAttributeValues: { ':n': 6 },
      }),
    );
    expect((await Readiness.forUnit({ unitId: 'tinh', date: '2026-11-12' })).trained).toBe(8);
    await expectCaughtAndRepaired([
      { unitId: 'tinh', scope: 'snapshot', counter: COMMUNE_CAN_BO, expected: 1, actual: 6, item: 'UNIT#tinh/SNAPSHOT#2026-W46' },
    ]);
    const past = await Readiness.forUnit({ unitId: 'tinh', date: '2026-11-12' });
    expect({ staff: past.staff, trained: past.trained, asOfWeek: past.asOfWeek }).toEqual({ staff: 12, trained: 3, asOfWeek: '2026-W46' });
  });
});
