import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Attempt, Course } from '@sansang/core';
import { keys } from '../db/keys.ts';
import { queryList } from '../db/query.ts';
import { useFreshTable } from '../../../../test/support/db.ts';
import { bundle, smallProvince } from '../../../../test/support/fixtures.ts';
import { rightAnswers } from '../../../../test/support/quiz-answers.ts';

/**
 * The attempt policy of issue 19 against DynamoDB Local, the clock held by the test: days are
 * Vietnam's (UTC+7), so 03:00Z is 10:00 in Hà Nội and 17:00Z is midnight there.
 */
const quiz = bundle().quiz!;
const withPolicy = (slug: string, over: Partial<Course.QuizBundle>) => bundle({ slug, hash: slug, quiz: { ...quiz, ...over } });
/** The policy a quiz gets when its front matter says nothing. */
const defaults = { attemptsPerDay: 3, waitAfterFailures: { failures: 3, hours: 24 }, explanations: 'after-pass-or-last' } as const;
const daily = withPolicy('khoa-ngay', { ...defaults, waitAfterFailures: null });
const waiting = withPolicy('khoa-cho', defaults);
const lastTry = withPolicy('khoa-dap-an', { ...defaults, attempts: 2 });

let tree: Awaited<ReturnType<typeof smallProvince>>;
const person = (i: number) => tree.people[i]!.id;
const at = (iso: string) => vi.setSystemTime(new Date(iso));
/** One attempt started and submitted: all right, or nothing answered. */
const take = async (personId: string, slug: string, pass: boolean) => {
  const a = await Attempt.start({ personId, slug });
  return Attempt.submit({ personId, slug, n: a.n, answers: pass ? rightAnswers(quiz) : {} });
};
const attemptCount = async (personId: string, slug: string) => (await queryList({ pk: keys.personPartition(personId), skPrefix: `ATTEMPT#${slug}#` })).length;

describe('the attempt policy: attempts per day, a wait after repeated failure, keys when they can no longer help', () => {
  beforeAll(async () => {
    await useFreshTable();
    tree = await smallProvince(4);
    for (const b of [daily, waiting, lastTry]) await Course.publish(b);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('refuses the 4th start of a Vietnam day, says when, and allows it from midnight in Vietnam', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-07T03:00:00Z'), toFake: ['Date'] });
    for (let i = 0; i < 3; i++) await take(person(0), 'khoa-ngay', false);
    expect(await Attempt.current({ personId: person(0), slug: 'khoa-ngay' })).toMatchObject({
      attemptsLeftToday: 0,
      retryAt: '2026-12-07T17:00:00.000Z',
      retryReason: 'daily_limit',
    });
    const refusal = await Attempt.start({ personId: person(0), slug: 'khoa-ngay' }).catch((e) => e);
    expect(refusal).toMatchObject({ code: 'quiz.daily_limit', kind: 'throttled', retryAfterSeconds: 14 * 3600 });
    expect(refusal.message).toBe('Hôm nay bạn đã làm đủ 3 lần bài kiểm tra này. Bạn có thể làm lại từ 00:00 ngày 08/12/2026.');
    // 23:59 in Hà Nội: still the same day there.
    at('2026-12-07T16:59:00Z');
    await expect(Attempt.start({ personId: person(0), slug: 'khoa-ngay' })).rejects.toMatchObject({ code: 'quiz.daily_limit' });
    // Midnight in Hà Nội, still the 7th in UTC: a new day.
    at('2026-12-07T17:00:00Z');
    expect(await Attempt.current({ personId: person(0), slug: 'khoa-ngay' })).toMatchObject({ attemptsLeftToday: 3, retryAt: null, retryReason: null });
    expect((await Attempt.start({ personId: person(0), slug: 'khoa-ngay' })).n).toBe(3);
    expect(await Attempt.current({ personId: person(0), slug: 'khoa-ngay' })).toMatchObject({ attemptsLeftToday: 2 });
  });

  it('counts the attempts of the Vietnam day, not the last 24 hours', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-07T15:00:00Z'), toFake: ['Date'] }); // 22:00 in Hà Nội
    for (let i = 0; i < 3; i++) await take(person(1), 'khoa-ngay', false);
    at('2026-12-08T02:00:00Z'); // 09:00 the next morning
    await take(person(1), 'khoa-ngay', false);
    expect(await attemptCount(person(1), 'khoa-ngay')).toBe(4);
  });

  it('makes the learner wait 24 h after 3 failures in a row, then gives 3 more tries before the next wait', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-07T02:00:00Z'), toFake: ['Date'] }); // 09:00
    for (let i = 0; i < 3; i++) await take(person(2), 'khoa-cho', false);
    // Both rules hold; the wait ends later than the day, so it is the one told.
    const seen = await Attempt.current({ personId: person(2), slug: 'khoa-cho' });
    expect(seen).toMatchObject({ attemptsLeftToday: 0, retryAt: '2026-12-08T02:00:00.000Z', retryReason: 'wait' });
    const refusal = await Attempt.start({ personId: person(2), slug: 'khoa-cho' }).catch((e) => e);
    expect(refusal).toMatchObject({ code: 'quiz.wait', kind: 'throttled' });
    expect(refusal.message).toBe('Bài của bạn chưa đạt 3 lần liên tiếp. Hãy ôn lại các bài học rồi làm lại từ 09:00 ngày 08/12/2026.');
    // The next day has begun, but the wait has not ended.
    at('2026-12-08T01:59:00Z');
    await expect(Attempt.start({ personId: person(2), slug: 'khoa-cho' })).rejects.toMatchObject({ code: 'quiz.wait' });
    at('2026-12-08T02:00:00Z');
    await take(person(2), 'khoa-cho', false);
    await take(person(2), 'khoa-cho', false);
    expect(await Attempt.current({ personId: person(2), slug: 'khoa-cho' })).toMatchObject({ attemptsLeftToday: 1, retryAt: null });
    await take(person(2), 'khoa-cho', false);
    await expect(Attempt.start({ personId: person(2), slug: 'khoa-cho' })).rejects.toMatchObject({ code: 'quiz.wait' });
    expect((await Attempt.current({ personId: person(2), slug: 'khoa-cho' })).retryAt).toBe('2026-12-09T02:00:00.000Z');
  });

  it('lets a pass break the run of failures but not refill the day', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-07T03:00:00Z'), toFake: ['Date'] });
    await take(person(3), 'khoa-cho', false);
    await take(person(3), 'khoa-cho', false);
    expect((await take(person(3), 'khoa-cho', true)).result.passed).toBe(true);
    await expect(Attempt.start({ personId: person(3), slug: 'khoa-cho' })).rejects.toMatchObject({ code: 'quiz.daily_limit' });
    at('2026-12-08T03:00:00Z');
    await take(person(3), 'khoa-cho', false);
    await take(person(3), 'khoa-cho', false);
    // Two failures since the pass: no wait, one attempt left today.
    expect(await Attempt.current({ personId: person(3), slug: 'khoa-cho' })).toMatchObject({ attemptsLeftToday: 1, retryAt: null });
    await take(person(3), 'khoa-cho', false);
    expect(await Attempt.current({ personId: person(3), slug: 'khoa-cho' })).toMatchObject({ retryReason: 'wait', retryAt: '2026-12-09T03:00:00.000Z' });
  });

  it('lets exactly one of two parallel starts at the limit take the last attempt of the day', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-07T03:00:00Z'), toFake: ['Date'] });
    await take(person(4), 'khoa-ngay', false);
    await take(person(4), 'khoa-ngay', false);
    const both = await Promise.allSettled([
      Attempt.start({ personId: person(4), slug: 'khoa-ngay' }),
      Attempt.start({ personId: person(4), slug: 'khoa-ngay' }),
    ]);
    const started = both.filter((s) => s.status === 'fulfilled').map((s) => s.value.n);
    // The loser lands on the winner's attempt (or is told it changed): either way one attempt, number 2.
    expect(new Set(started)).toEqual(new Set([2]));
    expect(await attemptCount(person(4), 'khoa-ngay')).toBe(3);
    // Tabs that start and submit as fast as they can still get no 4th attempt.
    const tab = async () => {
      for (let i = 0; i < 3; i++) {
        const a = await Attempt.start({ personId: person(5), slug: 'khoa-ngay' }).catch((e: Error) => e);
        if (a instanceof Error) continue;
        await Attempt.submit({ personId: person(5), slug: 'khoa-ngay', n: a.n, answers: {} }).catch(() => undefined);
      }
    };
    await Promise.all([tab(), tab(), tab(), tab()]);
    expect(await attemptCount(person(5), 'khoa-ngay')).toBe(3);
  });

  it('hides keys and explanations after an ordinary failure and shows them after a pass and after the last allowed attempt', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-07T03:00:00Z'), toFake: ['Date'] });
    const failed = await take(person(6), 'khoa-dap-an', false);
    expect(failed.result).toMatchObject({ passed: false, score: 0, correct: 0, total: 2 });
    expect(failed.result.questions).toEqual([
      { id: 'q1', correct: false, explanationHtml: null, key: null },
      { id: 'q2', correct: false, explanationHtml: null, key: null },
    ]);
    expect(JSON.stringify(await Attempt.get({ personId: person(6), slug: 'khoa-dap-an', n: 0 }))).not.toMatch(/Bằng hai|"key":\[/);
    expect((await Attempt.current({ personId: person(6), slug: 'khoa-dap-an' })).attemptsLeft).toBe(1);

    const last = await take(person(6), 'khoa-dap-an', false);
    expect(last.result.questions[0]).toEqual({ id: 'q1', correct: false, explanationHtml: '<p>Bằng hai.</p>', key: ['b'] });
    expect(last.result.questions[1]).toEqual({ id: 'q2', correct: false, explanationHtml: null, key: ['a', 'c'] });
    expect((await Attempt.get({ personId: person(6), slug: 'khoa-dap-an', n: 1 })).result!.questions[0]!.key).toEqual(['b']);
    expect(await Attempt.current({ personId: person(6), slug: 'khoa-dap-an' })).toMatchObject({ attemptsLeft: 0, retryAt: null });

    const passed = await take(person(7), 'khoa-dap-an', true);
    expect(passed.result.questions[0]).toMatchObject({ correct: true, explanationHtml: '<p>Bằng hai.</p>', key: ['b'] });
    expect((await Attempt.get({ personId: person(7), slug: 'khoa-dap-an', n: 0 })).result!.questions[1]!.key).toEqual(['a', 'c']);
  });

  it('tells the learner the policy on the quiz page', async () => {
    const seen = await Attempt.current({ personId: person(8), slug: 'khoa-cho' });
    expect(seen.quiz).toMatchObject({ attemptsPerDay: 3, waitAfterFailures: { failures: 3, hours: 24 }, explanations: 'after-pass-or-last' });
    expect(seen).toMatchObject({ attemptsLeft: null, attemptsLeftToday: 3, retryAt: null, retryReason: null });
  });
});
