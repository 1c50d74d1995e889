import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Mail, Org, Person, Reminder } from '@sansang/core';
import { injectFaults, putMany, resilienceCounters } from '@sansang/core/testing';
import { useFreshTable } from '../../../test/support/db.ts';
import { useSesLocal, type SesLocal } from '../../../test/support/ses.ts';
import { contentDir } from './paths.ts';
import { seedDemo } from './seed.ts';

/**
 * Issue 18's fault test: the demo province's reminder run on a deadline's day (7 days before
 * 31/12/2026, when everyone who has not finished the province-wide target is due), with SES
 * refusing sends as too fast, DynamoDB throttling a fifth of all requests and conflicting half
 * of its transactions, one run killed half-way and a second started beside it — then runs
 * until one finds nothing left. Every planned message must be in the emulator's store exactly once.
 */
describe('reminder run for the demo province under faults', () => {
  let ses: SesLocal;
  const day = '2026-12-24';
  const morning = new Date(`${day}T03:00:00Z`);
  const actor = { email: 'cli' };

  beforeAll(async () => {
    const table = await useFreshTable();
    ses = await useSesLocal();
    await seedDemo({ table, contentDir });
    // Everyone gets an address, so every message is an e-mail the store can count.
    const people: Person.Info[] = [];
    for (const root of await Org.children(null))
      for await (const unit of Org.subtree(root.id))
        for await (const p of Person.ofUnit(unit.id)) people.push({ ...p, email: `${p.employeeCode.toLowerCase()}@demo.test` });
    await putMany(people.map(Person.toItem));
  }, 300_000);
  afterAll(() => {
    injectFaults(null);
    return ses.stop();
  });

  it('sends every due message exactly once through SES throttling, DynamoDB throttling and conflicts, and a run killed half-way', async () => {
    const planned = await Reminder.plan({ date: day });
    expect(planned.length).toBeGreaterThan(1000);
    const expected = planned.map((p) => p.email!).sort();

    const tries = new Map<string, number>();
    // SES refuses each message's first try as above the account's rate, as a throttled account does.
    const throttled = (hangAfter = Infinity) => {
      let sends = 0;
      return Mail.mailer({
        perSecond: 1000,
        retry: { attempts: 5, baseMs: 5, capMs: 20 },
        transport: async (m) => {
          // The killed run: from its 300th send on, nothing it sends ever comes back.
          if (++sends > hangAfter) return new Promise(() => {});
          const n = (tries.get(m.to) ?? 0) + 1;
          tries.set(m.to, n);
          if (n === 1)
            throw Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'TooManyRequestsException', $metadata: { httpStatusCode: 429 } });
          return Mail.ses(m);
        },
      });
    };

    const injectedBefore = resilienceCounters.injected;
    injectFaults({ throttle: 0.2, conflict: 0.5 });
    try {
      // One run is killed half-way (its sends stop answering); another starts beside it.
      void Reminder.run({ date: day, actor, now: morning, mailer: throttled(300), leaseSeconds: 5 });
      const beside = await Reminder.run({ date: day, actor, now: morning, mailer: throttled(), leaseSeconds: 5 });
      // Then runs again, as the daily job's retry or HR's "send now" would, until one finds nothing left to send.
      const runs = [beside];
      for (let i = 0; i < 10 && runs.at(-1)!.sent + runs.at(-1)!.busy + runs.at(-1)!.failed > 0; i++) {
        await new Promise((r) => setTimeout(r, 5_500));
        runs.push(await Reminder.run({ date: day, actor, now: morning, mailer: throttled(), leaseSeconds: 5 }));
      }
      expect(runs.at(-1)).toMatchObject({ busy: 0, failed: 0, sent: 0 });
      console.log(
        `fault test: ${planned.length} planned; runs ${runs.map((r) => `${r.sent} sent/${r.already} already/${r.busy} busy/${r.failed} failed`).join(', ')}; ` +
          `${resilienceCounters.injected - injectedBefore} DynamoDB faults injected`,
      );
      expect(resilienceCounters.injected - injectedBefore).toBeGreaterThan(1000);
    } finally {
      injectFaults(null);
    }

    const sent = (await ses.emails()).map((e) => e.destination.to[0]!).sort();
    expect(sent.length).toBe(expected.length);
    expect(sent).toEqual(expected);
    // And the history agrees: every planned message sent, none left pending.
    const states = new Map<string, number>();
    for (const root of await Org.children(null))
      for (const r of (await Reminder.history({ unitId: root.id, days: day, limit: 5000 })).reminders) states.set(r.state, (states.get(r.state) ?? 0) + 1);
    expect(Object.fromEntries(states)).toEqual({ sent: planned.length });
  }, 900_000);
});
