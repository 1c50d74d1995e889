import { describe, expect, it } from 'vitest';
import { attemptGate, attemptsToRead, vnDateTime } from './policy.ts';
import type { AttemptSummary } from './store.ts';

/** A graded attempt started at `start` (ISO, UTC) and submitted `minutes` later. */
const graded = (n: number, start: string, passed: boolean, minutes = 10): AttemptSummary => ({
  n,
  startedAt: start,
  status: 'submitted',
  submittedAt: new Date(Date.parse(start) + minutes * 60_000).toISOString(),
  result: { passed, score: passed ? 100 : 0 },
});
const newestFirst = (...attempts: AttemptSummary[]) => attempts.reverse();
const settings = { attemptsPerDay: 3, waitAfterFailures: { failures: 3, hours: 24 } };

describe('attemptGate', () => {
  it('reads as many attempts as the larger of the two rules needs, none without rules', () => {
    expect(attemptsToRead(settings)).toBe(3);
    expect(attemptsToRead({ attemptsPerDay: 2, waitAfterFailures: { failures: 5, hours: 1 } })).toBe(5);
    expect(attemptsToRead({ attemptsPerDay: null, waitAfterFailures: null })).toBe(0);
  });

  it('counts by the Vietnam day: 23:30 yesterday there does not use up today', () => {
    const recent = newestFirst(graded(0, '2026-12-07T16:30:00Z', true), graded(1, '2026-12-08T01:00:00Z', true));
    expect(attemptGate(settings, recent, new Date('2026-12-08T02:00:00Z'))).toEqual({ attemptsLeftToday: 2, retryAt: null, reason: null });
  });

  it('starts the wait at the last failure, rounded up to the whole minute the learner is told', () => {
    const recent = newestFirst(
      graded(0, '2026-12-07T01:00:00Z', false),
      graded(1, '2026-12-07T01:20:00Z', false),
      graded(2, '2026-12-07T01:40:00Z', false, 7.5),
    );
    const gate = attemptGate({ attemptsPerDay: null, waitAfterFailures: { failures: 3, hours: 24 } }, recent, new Date('2026-12-07T02:00:00Z'));
    expect(gate).toEqual({ attemptsLeftToday: null, retryAt: new Date('2026-12-08T01:48:00Z'), reason: 'wait' });
    expect(vnDateTime(gate.retryAt!)).toBe('08:48 ngày 08/12/2026');
  });

  it('does not count a run broken by a pass or by a pause as long as the wait', () => {
    const wait = { attemptsPerDay: null, waitAfterFailures: { failures: 3, hours: 24 } };
    const now = new Date('2026-12-10T12:00:00Z');
    const withPass = newestFirst(graded(0, '2026-12-10T01:00:00Z', false), graded(1, '2026-12-10T02:00:00Z', true), graded(2, '2026-12-10T03:00:00Z', false));
    expect(attemptGate(wait, withPass, now).retryAt).toBeNull();
    const spaced = newestFirst(graded(0, '2026-12-08T01:00:00Z', false), graded(1, '2026-12-09T01:10:00Z', false), graded(2, '2026-12-10T01:20:00Z', false));
    expect(attemptGate(wait, spaced, now).retryAt).toBeNull();
    // Just under a day between each two: one run, a wait.
    const close = newestFirst(graded(0, '2026-12-08T01:00:00Z', false), graded(1, '2026-12-09T01:09:00Z', false), graded(2, '2026-12-10T01:18:00Z', false));
    expect(attemptGate(wait, close, now).retryAt).toEqual(new Date('2026-12-11T01:28:00Z'));
    expect(attemptGate(wait, close.slice(0, 2), now).retryAt).toBeNull();
  });

  it('tells the later of the two times when both rules hold, and nothing once both are over', () => {
    const recent = newestFirst(graded(0, '2026-12-07T14:00:00Z', false), graded(1, '2026-12-07T14:20:00Z', false), graded(2, '2026-12-07T14:40:00Z', false));
    // 21:00–21:50 in Hà Nội: the day ends at 17:00Z, the wait at 14:50Z the next day.
    expect(attemptGate({ attemptsPerDay: 3, waitAfterFailures: { failures: 3, hours: 1 } }, recent, new Date('2026-12-07T15:00:00Z'))).toMatchObject({
      retryAt: new Date('2026-12-07T17:00:00Z'),
      reason: 'daily_limit',
    });
    expect(attemptGate(settings, recent, new Date('2026-12-07T15:00:00Z'))).toMatchObject({ retryAt: new Date('2026-12-08T14:50:00Z'), reason: 'wait' });
    expect(attemptGate(settings, recent, new Date('2026-12-08T14:50:00Z'))).toEqual({ attemptsLeftToday: 3, retryAt: null, reason: null });
  });
});
