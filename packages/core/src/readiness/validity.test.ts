import { beforeEach, describe, expect, it } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { Course, Person, Progress, Readiness, Requirement, Target, vnDay } from '@sansang/core';
import { db, tableName } from '../db/client.ts';
import { keys } from '../db/keys.ts';
import { validUntil, phaseOn } from '../target/validity.ts';
import { useFreshTable } from '../../../../test/support/db.ts';
import { bundle, smallProvince, target } from '../../../../test/support/fixtures.ts';
import { takeQuiz } from '../../../../test/support/quiz-answers.ts';

/** Yearly security training: a completion counts 12 months, renewable in its last 30 days. */
const yearly: Target.Info = { ...target, id: 'an-toan-hang-nam', title: 'An toàn thông tin hằng năm', validity: { months: 12 }, renewalDays: 30 };

describe('how long a completion counts (pure)', () => {
  it('counts months to the day before, clamps month ends, and lets a completion in the renewal window cover the next period', () => {
    expect(validUntil(yearly, '2026-12-07')).toBe('2027-12-06');
    // 31 January + 1 month ends on the last day of February, not in March.
    expect(validUntil({ validity: { months: 1 }, renewalDays: 0 }, '2027-01-31')).toBe('2027-02-27');
    expect(validUntil({ validity: { until: 'year-end' } }, '2026-03-02')).toBe('2026-12-31');
    // A December completion is inside the default 30-day window: it counts for the next year too.
    expect(validUntil({ validity: { until: 'year-end' } }, '2026-12-07')).toBe('2027-12-31');
    // Renewed early, nothing is lost: the new period starts the day after the old one ends.
    expect(validUntil(yearly, '2027-11-20', '2027-12-06')).toBe('2028-12-06');
    // Renewed after the lapse: a new period from the retake.
    expect(validUntil(yearly, '2028-01-10', '2027-12-06')).toBe('2029-01-09');
    expect(validUntil(target, '2026-12-07')).toBeNull();
    expect([phaseOn(yearly, '2027-12-06', '2027-11-05'), phaseOn(yearly, '2027-12-06', '2027-11-06'), phaseOn(yearly, '2027-12-06', '2027-12-07')]).toEqual([
      'valid',
      'soon',
      'lapsed',
    ]);
  });
});

describe('completions that lapse', () => {
  let tree: Awaited<ReturnType<typeof smallProvince>>;
  const figures = async (unitId: string, targetId = yearly.id) => {
    const r = await Readiness.forUnit({ unitId, targetId });
    return {
      staff: r.staff,
      trained: r.trained,
      owing: r.owing,
      validNow: r.validNow,
      expiringSoon: r.expiringSoon,
      expired: r.expired,
      everTrained: r.everTrained,
    };
  };
  const noMismatch = async (today: string) => expect((await Readiness.rebuild({ write: false, today })).mismatches).toEqual([]);
  const complete = async (personId: string) => {
    for (const lessonId of ['bai-mot', 'bai-hai']) await Progress.markLessonDone({ personId, slug: 'khoa-mau', lessonId });
    await takeQuiz(personId, 'khoa-mau');
  };
  const markOf = async (personId: string) => (await Readiness.trainedMarksOf(personId)).find((m) => m.targetId === yearly.id)!;

  // Each case on its own table: what counts as lapsed depends on the day each one pretends it is.
  beforeEach(async () => {
    await useFreshTable();
    tree = await smallProvince(3);
    await Target.put(yearly);
  });

  it('moves a completion to "expiring soon" and then "expired" on the days the daily run is due, the target without validity untouched', async () => {
    const p = tree.people.find((x) => x.unitId === tree.dept1.id)!;
    const before = await figures(tree.dept1.id);
    await complete(p.id);
    const today = vnDay();
    const until = validUntil(yearly, today)!;
    expect((await markOf(p.id)).validUntil).toBe(until);
    const trained = { ...before, trained: 1, owing: before.owing - 1, validNow: 1, everTrained: 1 };
    expect(await figures(tree.dept1.id)).toEqual(trained);

    const opens = Target.renewalOpens(yearly, until);
    const dayBefore = Requirement.addDays(opens, -1);
    expect(await Readiness.runLapses(dayBefore)).toEqual({ people: 0 });
    expect(await figures(tree.dept1.id)).toEqual(trained);

    expect(await Readiness.runLapses(opens)).toEqual({ people: 1 });
    expect(await figures(tree.dept1.id)).toEqual({ ...trained, expiringSoon: 1 });
    expect((await figures(tree.province.id)).expiringSoon).toBe(1);
    expect((await Person.get(p.id)).lapse).toEqual({ [yearly.id]: 'soon' });
    expect((await Requirement.forPerson({ personId: p.id, today: opens })).find((r) => r.target.id === yearly.id)).toMatchObject({
      status: 'renew',
      validUntil: until,
      dueDate: until,
    });
    await noMismatch(opens);
    // Its due mark is gone: running the same day again does nothing.
    expect(await Readiness.runLapses(opens)).toEqual({ people: 0 });

    const lapsed = Requirement.addDays(until, 1);
    expect(await Readiness.runLapses(lapsed)).toEqual({ people: 1 });
    expect(await figures(tree.dept1.id)).toEqual({ ...before, expired: 1, everTrained: 1 });
    expect((await Requirement.forPerson({ personId: p.id, today: lapsed })).find((r) => r.target.id === yearly.id)).toMatchObject({ status: 'expired' });
    // The target whose completions never lapse still counts them.
    expect((await figures(tree.dept1.id, target.id)).trained).toBe(1);
    await noMismatch(lapsed);
  });

  it('renews with a retake of the quiz once the window opened or the completion lapsed, never while it is simply valid', async () => {
    const p = tree.people.filter((x) => x.unitId === tree.dept2.id)[1]!;
    const before = await figures(tree.dept2.id);
    await complete(p.id);
    const first = await markOf(p.id);
    // A retake while the completion is simply valid renews nothing.
    await takeQuiz(p.id, 'khoa-mau');
    expect(await markOf(p.id)).toEqual(first);

    // As if a year had passed: the completion's last day was yesterday.
    const today = vnDay();
    const yesterday = Requirement.addDays(today, -1);
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.trained(p.id, yearly.id),
        UpdateExpression: 'SET validUntil = :y',
        ExpressionAttributeValues: { ':y': yesterday },
      }),
    );
    await Readiness.syncLapses(p.id, today);
    expect(await figures(tree.dept2.id)).toMatchObject({ trained: before.trained, expired: before.expired + 1 });

    await takeQuiz(p.id, 'khoa-mau');
    const renewed = await markOf(p.id);
    expect(renewed.validUntil).toBe(validUntil(yearly, today));
    expect((await Person.get(p.id)).lapse).toBeUndefined();
    expect(await figures(tree.dept2.id)).toMatchObject({ trained: before.trained + 1, expired: before.expired, everTrained: before.everTrained + 1 });
    await noMismatch(today);
  });

  it('has rebuild name a lost lapse and corrupted expired and expiring counters, and repair them', async () => {
    const p = tree.people.find((x) => x.unitId === tree.dept1.id)!;
    await complete(p.id);
    const lapsed = Requirement.addDays((await markOf(p.id)).validUntil!, 1);
    await Readiness.runLapses(lapsed);
    await noMismatch(lapsed);
    await db().send(new UpdateCommand({ TableName: tableName(), Key: keys.person(p.id), UpdateExpression: 'REMOVE lapse' }));
    const counter = Target.expiredCounter(yearly.id, Target.classOf(p, tree.dept1));
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.unitStats(tree.commune.id),
        UpdateExpression: 'ADD #c :n',
        ExpressionAttributeNames: { '#c': counter.replace(tree.dept1.level, tree.commune.level) },
        ExpressionAttributeValues: { ':n': 3 },
      }),
    );
    const expiring = Target.expiringCounter(yearly.id, Target.classOf(p, tree.dept1));
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: keys.unitSubtreeShard(tree.agency.id, 3),
        UpdateExpression: 'ADD #c :n',
        ExpressionAttributeNames: { '#c': expiring },
        ExpressionAttributeValues: { ':n': 1 },
      }),
    );
    const found = (await Readiness.rebuild({ write: false, today: lapsed })).mismatches;
    expect(found.some((m) => m.unitId === tree.agency.id && m.scope === 'subtree' && m.counter === expiring && m.actual === 1)).toBe(true);
    expect(found.some((m) => m.counter.startsWith('lapse {} → ') && m.item === `${keys.person(p.id).pk}/${keys.person(p.id).sk}`)).toBe(true);
    expect(found.some((m) => m.unitId === tree.commune.id && m.scope === 'own' && m.counter.startsWith(`expired:${yearly.id}|`))).toBe(true);
    await Readiness.rebuild({ write: true, today: lapsed });
    await noMismatch(lapsed);
    expect((await Person.get(p.id)).lapse).toEqual({ [yearly.id]: 'lapsed' });
  });

  it('makes completions of earlier versions lapse on the date a version requiring a retake sets, until retaken on it', async () => {
    const [a, b, late] = tree.people.filter((x) => x.unitId === tree.dept1.id);
    for (const p of [a!, b!]) await complete(p.id);
    const before = await figures(tree.dept1.id, target.id);
    const by = Requirement.addDays(vnDay(), 20);
    await Course.publish(bundle({ version: 2, hash: 'khoa-mau-2', requiresRetake: true, retakeBy: by }));
    // Both targets count the course, the yearly one too: two marks each.
    expect(await Readiness.requireRetake({ slug: 'khoa-mau', version: 2, by })).toEqual({ marks: 4 });
    // Run again (a retried job): nothing more.
    expect(await Readiness.requireRetake({ slug: 'khoa-mau', version: 2, by })).toEqual({ marks: 0 });
    // Inside the 30 days before the date: they must retake soon, on a target that otherwise never lapses.
    expect(await figures(tree.dept1.id, target.id)).toEqual({ ...before, expiringSoon: 2 });
    expect((await Requirement.forPerson({ personId: a!.id })).find((r) => r.target.id === target.id)).toMatchObject({ status: 'renew', validUntil: by });

    const after = Requirement.addDays(by, 1);
    expect(await Readiness.runLapses(after)).toEqual({ people: 2 });
    expect(await figures(tree.dept1.id, target.id)).toMatchObject({ trained: before.trained - 2, expired: 2 });
    await noMismatch(after);

    // One retakes the quiz on version 2: counted again, for good (the target sets no validity).
    await takeQuiz(a!.id, 'khoa-mau');
    const mark = (await Readiness.trainedMarksOf(a!.id)).find((m) => m.targetId === target.id)!;
    expect([mark.validUntil, mark.retake]).toEqual([undefined, undefined]);
    expect(await figures(tree.dept1.id, target.id)).toMatchObject({ trained: before.trained - 1, expired: 1 });
    // Someone completing it for the first time on version 2 owes no retake.
    await complete(late!.id);
    expect((await Readiness.trainedMarksOf(late!.id)).find((m) => m.targetId === target.id)?.validUntil).toBeUndefined();
    expect(await figures(tree.dept1.id, target.id)).toMatchObject({ trained: before.trained, expired: 1 });
    // As on the day after the date, which the daily run last saw.
    await noMismatch(after);
  });
});
