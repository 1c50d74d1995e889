import { beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { Progress, Readiness, Target } from '@sansang/core';
import { db, keys, meterDynamo, tableName } from '@sansang/core/testing';
import { daily, reminders, rollups } from './jobs.ts';
import { takeQuiz } from '../../../test/support/quiz-answers.ts';
import { useFreshTable } from '../../../test/support/db.ts';
import { smallProvince, target } from '../../../test/support/fixtures.ts';

describe('the daily job', () => {
  let tree: Awaited<ReturnType<typeof smallProvince>>;
  let meter: ReturnType<typeof meterDynamo>;
  beforeAll(async () => {
    await useFreshTable();
    meter = meterDynamo();
    tree = await smallProvince(3);
    for (const p of tree.people.slice(0, 5)) {
      await Progress.markLessonDone({ personId: p.id, slug: 'khoa-mau', lessonId: 'bai-mot' });
      await Progress.markLessonDone({ personId: p.id, slug: 'khoa-mau', lessonId: 'bai-hai' });
      await takeQuiz(p.id, 'khoa-mau');
    }
  });

  it('snapshots every unit with the same figures the dashboard shows', async () => {
    const result = await daily();
    expect(result.units).toBe(tree.units.length);
    for (const unit of tree.units) {
      const live = await Readiness.forUnit({ unitId: unit.id });
      const snap = await db().send(new GetCommand({ TableName: tableName(), Key: keys.unitSnapshot(unit.id, result.week) }));
      expect(Target.trainedInScope(target, snap.Item?.counters), unit.id).toBe(live.trained);
      expect(Target.staffInScope(target, snap.Item?.counters), unit.id).toBe(live.staff);
      // The tree as it stood is kept with the figures, for reports of a past date.
      expect(snap.Item?.children.sort(), unit.id).toEqual(
        tree.units
          .filter((u) => u.parentId === unit.id)
          .map((u) => u.id)
          .sort(),
      );
    }
    expect((await Readiness.rebuild({ write: false })).mismatches).toEqual([]);
  });

  it('runs as Lambda calls it, with EventBridge’s event and a context, not a date', async () => {
    // A scheduled event as EventBridge delivers it: taking it for the day once made the job fail on its first line.
    const event = { version: '0', id: 'e1', 'detail-type': 'Scheduled Event', source: 'aws.events', time: new Date().toISOString(), detail: {} };
    const result = await daily(event, { getRemainingTimeInMillis: () => 900_000 });
    expect(result.week).toMatch(/^\d{4}-W\d\d$/);
    expect(result.reminders.unfinished).toBe(false);
  });

  it('takes up the day’s reminders only when a run left them open, and costs one read when it has nothing to do', async () => {
    meter.take();
    const context = { getRemainingTimeInMillis: () => 840_000 };
    // Before 07:00 or after 21:00 in Vietnam it does not even read.
    const out = await reminders({}, context);
    expect(out.outcome).toBeNull();
    expect(meter.take().requests).toBeLessThanOrEqual(1);
  });

  it('sweeps roll-ups every minute for next to nothing when none is pending: one empty Query per shard, no write', async () => {
    await rollups();
    meter.take();
    expect(await rollups()).toEqual({ swept: 0 });
    const idle = meter.take();
    // ROLLUP_SHARDS (8) Queries of the sparse index, each at most the least DynamoDB bills
    // for a Query (0.5 read unit; DynamoDB Local reports 0): ~350,000 a month, cents.
    expect(idle.requests).toBe(8);
    expect(idle.writeUnits).toBe(0);
    expect(idle.readUnits).toBeLessThanOrEqual(8 * 0.5);
  });
});
