import * as v from 'valibot';
import { randomUUID } from 'node:crypto';
import { Account } from '../account/index.ts';
import { Actor } from '../actor.ts';
import { Audit } from '../audit/index.ts';
import { Course } from '../course/index.ts';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import { Mail } from '../mail/index.ts';
import { Org } from '../org/index.ts';
import { Person } from '../person/index.ts';
import { Readiness } from '../readiness/index.ts';
import { Requirement } from '../requirement/index.ts';
import { addDays } from '../requirement/schema.ts';
import { Target } from '../target/index.ts';
import { defaultGraceDays } from '../target/schema.ts';
import { renewalDaysOf } from '../target/validity.ts';
import { vnDay } from '../vn-day.ts';
import * as schema from './schema.ts';
import {
  deletePause,
  getIntent,
  leaseIntent,
  listPauses,
  closeDay,
  dayState,
  isSettled,
  markDelivery,
  markNoticeRead,
  openDay,
  noticesOf,
  putNotice,
  putPause,
  recordIntent,
  settleIntent,
  unitReminders,
  unsentOn,
  type Pause,
} from './store.ts';
import { loadTemplate, render } from './template.ts';

/**
 * Reminders to learners: what is due on a Vietnam day (`plan`), and sending it exactly once
 * (`run`), by e-mail and as an in-app notice.
 *
 * Who may be due on a day is found without a pass over the roster, from two sources:
 * - a target's deadline: on the three days it puts reminders on (30 and 7 days before, the
 *   day after) the untrained of the target's scope are walked, unit by unit, with the walk
 *   the dashboard's list uses. Those days cost O(the scope) — everyone in it still owes the
 *   target, so the walk is what is due plus the trained it steps over — and every other day
 *   costs nothing. The alternative, a per-day due entry for each person written whenever a
 *   figure deciding their due date changes (a deadline moved for 30,000 people, a start
 *   date, an exemption ending), would make every such change a write per person and a
 *   second copy of the due-date rule to keep in step; we chose the walk.
 * - a person whose own clock started late (a start date, a return from an exemption): a
 *   sparse index lists each such person under the latest day their clock started, so the
 *   days their `start`, `due-30`, `due-7` and `overdue-1` fall on are a few queries (one per
 *   distinct grace period and offset), O(the people who started on those days);
 * - a completion entering its renewal window: looked up ahead in the daily job's due marks
 *   of the day it lapses (one query per shard), O(the completions lapsing).
 * Each candidate is then read through `Requirement.owedBy` (the rule `forPerson` applies,
 * given what the run has read), the one rule of what a person owes, so nobody exempt, done or
 * gone is reminded and a message names only their own items.
 */
export namespace Reminder {
  export const reasons = schema.reasons;
  export type Reason = schema.Reason;
  export type Planned = schema.Planned;
  export type Sent = schema.Sent;
  export type Notice = schema.Notice;
  export type RunOutcome = schema.RunOutcome;
  export const isQuietHour = schema.isQuietHour;

  const Day = v.pipe(v.string(), v.isoDate('ngày phải có dạng 2026-12-31'));
  /** Candidates read side by side: enough to hide DynamoDB's latency, few enough to stay gentle on the table. */
  const CONCURRENCY = 16;

  /**
   * Runs `work` on the items, up to `size` at once. A failure stops new work; what is running
   * finishes, then the first failure is thrown (none is left unhandled). `until`: asked before
   * each item; once true no more are started, and the answer is true (stopped early).
   */
  async function inPool<T>(items: AsyncIterable<T> | Iterable<T>, size: number, work: (item: T) => Promise<void>, until?: () => boolean): Promise<boolean> {
    const running = new Set<Promise<void>>();
    let failure: { error: unknown } | null = null;
    let stopped = false;
    for await (const item of items) {
      if (until?.()) {
        stopped = true;
        break;
      }
      const p: Promise<void> = work(item)
        .catch((error: unknown) => void (failure ??= { error }))
        .finally(() => running.delete(p));
      running.add(p);
      if (running.size >= size) await Promise.race(running);
      if (failure) break;
    }
    await Promise.all(running);
    if (failure) throw (failure as { error: unknown }).error;
    return stopped;
  }

  /** What a plan or a run reads once for a day: the roots, the targets, the catalogue and the paused units; units as they are met. */
  type Scope = {
    day: string;
    roots: Org.Info[];
    targets: Target.Info[];
    courses: Course.Summary[];
    targetOf: Map<string, Target.Info>;
    paused: Set<string>;
    unitOf: (id: string) => Promise<Org.Info>;
  };

  async function scopeOf(day: string, unitId: string | undefined): Promise<Scope> {
    const [roots, targets, courses, pauses] = await Promise.all([
      unitId ? Org.get(unitId).then((u) => [u]) : Org.children(null),
      Target.list(),
      Course.list(),
      listPauses(),
    ]);
    const units = new Map<string, Promise<Org.Info>>();
    return {
      day,
      roots,
      targets,
      courses,
      targetOf: new Map(targets.map((t) => [t.id, t])),
      paused: new Set(pauses.map((p) => p.unitId)),
      unitOf: (id) => units.get(id) ?? units.set(id, Org.get(id)).get(id)!,
    };
  }

  /** Someone who may have something due, with their record when the walk that found them read it. */
  type Candidate = { id: string; person?: Person.Info };

  /**
   * People who may have something due on the scope's day, each once: the deadline walks, the
   * late clocks and the lapse look-ahead. The ids already yielded are kept to skip repeats (a
   * person owing two targets whose deadlines fall on the day): a set of strings, the one thing
   * a run holds that grows with the people due.
   */
  async function* candidates({ day, roots, targets, unitOf }: Scope): AsyncGenerator<Candidate> {
    const seen = new Set<string>();
    for (const target of targets) {
      if (!schema.deadlineDays(target.deadline).includes(day)) continue;
      // A unit's own target is owed in its subtree only: walk where that subtree and a root overlap.
      const owner = target.unitId ? await unitOf(target.unitId) : null;
      const walks = owner ? roots.flatMap((root) => (Org.isWithin(root, owner.id) ? [root] : Org.isWithin(owner, root.id) ? [owner] : [])) : roots;
      for (const walk of walks)
        for await (const owing of Readiness.owing(walk.id, target)) {
          // Someone owing it by a later day of their own is not due on the deadline's days.
          if (owing.dueDate !== target.deadline || seen.has(owing.person.id)) continue;
          seen.add(owing.person.id);
          // The walk read the person already: the message need not read them again.
          yield { id: owing.person.id, person: owing.person };
        }
    }
    // Someone whose own clock started late (a start date, a return) owes by start + grace days:
    // the days their reminders fall on are found from the day their clock started.
    const clockDays = new Set([day]);
    for (const grace of new Set(targets.map((t) => t.graceDays ?? defaultGraceDays)))
      for (const before of [...Object.values(schema.ADVANCE_DAYS), -1]) clockDays.add(addDays(day, before - grace));
    for (const started of clockDays)
      for await (const personId of Person.clocksStartingOn(started)) {
        if (seen.has(personId)) continue;
        seen.add(personId);
        yield { id: personId };
      }
    // A completion's renewal window opens `renewalDays` before its last valid day; the due mark is on the day after that.
    const windows = new Map<number, Set<string>>();
    for (const t of targets) windows.set(renewalDaysOf(t), (windows.get(renewalDaysOf(t)) ?? new Set()).add(t.id));
    for (const [days, targetIds] of windows)
      for await (const change of Readiness.phaseChangesOn(addDays(day, days + 1))) {
        if (!targetIds.has(change.targetId) || seen.has(change.personId)) continue;
        seen.add(change.personId);
        yield { id: change.personId };
      }
    // A completion that lapsed today is owed again, and today is the day after its last valid
    // day: its `overdue-1`. The daily job keeps the day's due marks until the next day for this.
    for await (const change of Readiness.phaseChangesOn(day)) {
      if (seen.has(change.personId)) continue;
      seen.add(change.personId);
      yield { id: change.personId };
    }
  }

  const startsOf = (person: Person.Info, targetId: string) =>
    [person.startDate, person.resumed?.[targetId], person.resumed?.['*']].filter((d): d is string => Boolean(d));

  /** What `messageFor` read of a message's person, kept for `deliver` so it is not read twice. */
  const known = new WeakMap<Planned, { person: Person.Info; unit: Org.Info; accounts: Account.Info[] }>();

  /**
   * A person's message for the scope's day, read through `Requirement.owedBy`, the one rule
   * of what a person owes: null when nothing is due (done, exempt, gone), `elsewhere` when they
   * are outside the scope's units or under a paused one (another run's, or a later one's).
   */
  async function messageFor(personId: string, scope: Scope, read?: Person.Info): Promise<Planned | null | 'elsewhere'> {
    const person = read ?? (await Person.get(personId).catch(() => null));
    if (!person || person.status !== 'active') return null;
    const unit = await scope.unitOf(person.unitId);
    if (!scope.roots.some((root) => Org.isWithin(unit, root.id))) return 'elsewhere';
    // HR paused this unit, or one above it: nobody under it is reminded until it is resumed.
    if ([...unit.ancestors, unit.id].some((id) => scope.paused.has(id))) return 'elsewhere';
    const items = (await Requirement.owedBy({ person, unit, targets: scope.targets, courses: scope.courses, today: scope.day })).flatMap(
      (item): schema.Due[] => {
        const target = scope.targetOf.get(item.target.id);
        const reason = target ? schema.reasonFor(item, target, scope.day, startsOf(person, target.id)) : null;
        return reason ? [{ reason, targetId: item.target.id, title: item.target.title, dueDate: item.dueDate, validUntil: item.validUntil }] : [];
      },
    );
    if (items.length === 0) return null;
    // In the language they chose on their account, Vietnamese when none did; the accounts read for it also carry the sign-in link.
    const accounts = await Account.ofPerson(person);
    const planned: Planned = {
      personId,
      fullName: person.fullName,
      email: person.email ?? null,
      unitId: person.unitId,
      language: Account.languageAmong(accounts),
      items,
    };
    known.set(planned, { person, unit, accounts });
    return planned;
  }

  /** Each message due on the scope's day, as it is found: `work` runs on up to CONCURRENCY at once, nothing is held whole; `until` stops it early. */
  const eachDue = (scope: Scope, work: (p: Planned) => Promise<void>, until?: () => boolean) =>
    inPool(
      candidates(scope),
      CONCURRENCY,
      async (c) => {
        const p = await messageFor(c.id, scope, c.person);
        if (p && p !== 'elsewhere') await work(p);
      },
      until,
    );

  const inOrder = (a: Planned, b: Planned) =>
    a.unitId.localeCompare(b.unitId) || a.fullName.localeCompare(b.fullName, 'vi') || a.personId.localeCompare(b.personId);

  /** A message with where today's message to that person stands, when a run already recorded it. */
  async function withState(p: Planned, date: string): Promise<Planned> {
    const intent = await getIntent(p.personId, date, { consistent: false });
    return intent ? { ...p, state: intent.state } : p;
  }

  /**
   * What is due on `date` (a Vietnam day; today when absent) for learners of `unitId`'s subtree
   * (everyone's when absent): one message per person, with where today's message to them stands
   * when a run already recorded it. Whole: for the CLI and tests; a page asks `preview`.
   */
  export const plan = fn(v.object({ date: v.optional(Day), unitId: v.optional(Org.Id) }), async ({ date = vnDay(), unitId }): Promise<Planned[]> => {
    const planned: Planned[] = [];
    await eachDue(await scopeOf(date, unitId), async (p) => void planned.push(await withState(p, date)));
    return planned.sort(inOrder);
  });

  /**
   * The first `limit` messages due (in the order found), for a page: a province's deadline day
   * may have 30,000, which neither a request's 29 s nor a screen holds. `more`: the walk stopped
   * with people left (at the limit, or at `seconds`).
   */
  export const preview = fn(
    v.object({
      date: v.optional(Day),
      unitId: v.optional(Org.Id),
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5000)), 500),
      seconds: v.optional(v.pipe(v.number(), v.minValue(1), v.maxValue(25)), 15),
    }),
    async ({ date = vnDay(), unitId, limit, seconds }): Promise<{ messages: Planned[]; more: boolean }> => {
      const messages: Planned[] = [];
      const stopAt = Date.now() + seconds * 1000;
      let found = 0;
      const stopped = await eachDue(
        await scopeOf(date, unitId),
        async (p) => {
          // Found beside others that reached the limit first: not listed, but proof there is more.
          if (++found <= limit) messages.push(await withState(p, date));
        },
        () => found >= limit || Date.now() >= stopAt,
      );
      // Stopped with candidates left (at the limit, or out of time): there may be more, and the page says "at least".
      return { messages: messages.sort(inOrder), more: found > limit || stopped };
    },
  );

  type Delivery = 'sent' | 'noAddress' | 'already' | 'busy' | 'failed';
  type Context = { day: string; actor: Actor; site: string; mailer: Mail.Mailer; leaseSeconds: number };

  /**
   * One message, exactly once: the intent is recorded (or found), leased, sent, then settled
   * with SES's message id. A run that dies after the lease leaves it `sending` until the lease
   * ends; the next run takes it over and sends it. SES may then see it twice only if the run
   * died between SES accepting and the settle write — the narrowest window the provider allows.
   */
  async function deliver(p: Planned, ctx: Context): Promise<Delivery> {
    const { day } = ctx;
    const done = await Mail.sendOnce({
      intent: {
        record: (lease) => recordIntent(p, day, new Date().toISOString(), lease),
        settled: async () => {
          const intent = await getIntent(p.personId, day);
          return intent && isSettled(intent);
        },
        lease: (leaseId, now) => leaseIntent(p.personId, day, leaseId, now, ctx.leaseSeconds),
        settle: (leaseId, outcome) => settleIntent(p.personId, day, leaseId, outcome),
      },
      leaseSeconds: ctx.leaseSeconds,
      to: p.email,
      tags: { person: p.personId, day, unit: p.unitId },
      send: (m) => ctx.mailer.send(m),
      label: `reminder to ${p.personId} on ${day}`,
      compose: async () => {
        const template = await loadTemplate(p.language);
        const link = await Account.issueSignInLink(p.personId, known.get(p));
        // The token rides in the fragment, which no request carries: no server, proxy or log on the way sees it.
        const url = link ? `${ctx.site}/dang-nhap/lien-ket#${link.token}` : `${ctx.site}/dang-nhap?tiep=%2Fviec-can-hoan-thanh`;
        return render(template, { name: p.fullName, items: p.items, link: url });
      },
    });
    if (typeof done === 'string') return done;
    const { message, messageId, sentAt } = done;
    await Mail.insist(() => putNotice(p.personId, { id: `${day}.nhac-viec`, at: sentAt, title: message.subject, body: message.summary, read: false }));
    await Mail.insist(() =>
      Audit.record(
        {
          actor: ctx.actor.email,
          action: p.email ? 'reminder.sent' : 'reminder.noticed',
          unitId: p.unitId,
          detail: {
            personId: p.personId,
            day,
            reasons: [...new Set(p.items.map((i) => i.reason))],
            ...(messageId ? { messageId } : {}),
          },
        },
        known.get(p)?.unit,
      ),
    );
    return done.outcome;
  }

  /** How many earlier days a run looks back over for messages left unsent on their day. */
  const RETRY_DAYS = 7;

  /**
   * A message left unsent on an earlier day (a send that failed, a sender that died) and not
   * retried that day: sent now, with what the person owed on its day, or withdrawn when they
   * no longer owe it (done, exempt, gone since). People outside this run's units are left for
   * a run that covers them.
   */
  async function retry(personId: string, scope: Scope, ctx: Context): Promise<Delivery | 'withdrawn' | null> {
    const p = await messageFor(personId, scope);
    if (p === 'elsewhere') return null;
    if (p) return deliver(p, ctx);
    const leaseId = randomUUID();
    if (!(await leaseIntent(personId, scope.day, leaseId, Date.now(), ctx.leaseSeconds))) return 'busy';
    await settleIntent(personId, scope.day, leaseId, { state: 'withdrawn', sentAt: new Date().toISOString() });
    return 'withdrawn';
  }

  /**
   * Sends what is due on `date` (today when absent) for `unitId`'s subtree, exactly once: a
   * retried or overlapping run sends nothing already sent, and one killed half-way is finished
   * by the next, that day or — for a message left unsent — on one of the next seven. Messages
   * go out as they are found, CONCURRENCY at a time, so a run holds no plan whatever the number
   * of people. In the quiet hours (21:00–07:00 Vietnam time, by `now`) it counts what is due and
   * sends nothing.
   *
   * `stopAt` (epoch ms) bounds a run: no message is started after it, and the outcome says
   * `unfinished`. A run for the whole installation keeps the day open until one finishes whole;
   * `continueDay` (every 15 minutes through the sending hours) takes up an open day, so a deadline
   * day of 30,000 messages at SES's 14 a second (36 minutes) is sent in pieces of one Lambda
   * timeout each, every message once.
   */
  export const run = fn(
    v.object({
      date: v.optional(Day),
      unitId: v.optional(Org.Id),
      actor: Actor,
      /** The site's address, for the links in messages. */
      site: v.optional(v.pipe(v.string(), v.url()), 'http://localhost:3000'),
      now: v.optional(v.date()),
      mailer: v.optional(v.custom<Mail.Mailer>((m) => typeof (m as Mail.Mailer | null)?.send === 'function')),
      /** How long a run may hold a message while sending it before another may take it over. */
      leaseSeconds: v.optional(v.pipe(v.number(), v.minValue(1)), 120),
      stopAt: v.optional(v.number()),
    }),
    async ({ date, unitId, actor, site, now = new Date(), mailer, leaseSeconds, stopAt }): Promise<RunOutcome> => {
      const day = date ?? vnDay(now);
      const outcome: RunOutcome = {
        day,
        quiet: schema.isQuietHour(now),
        unfinished: false,
        planned: 0,
        sent: 0,
        noAddress: 0,
        already: 0,
        busy: 0,
        failed: 0,
        earlier: 0,
        withdrawn: 0,
      };
      const ctx: Context = { day, actor, site: site.replace(/\/$/, ''), mailer: mailer ?? Mail.shared(), leaseSeconds };
      const whole = unitId === undefined && !outcome.quiet;
      // The day's first whole run finds no intents of the day to skip: it need not look for them.
      const first = whole && (await openDay(day, stopAt ?? Date.now() + 900_000));
      const scope = await scopeOf(day, unitId);
      const late = () => stopAt !== undefined && Date.now() >= stopAt;
      // A person whose message could not be read or recorded (DynamoDB busy beyond its retries)
      // is tried once more after the pass; one whose intent is recorded is a later run's to finish.
      const again: string[] = [];
      const attempt = async ({ id: personId, person }: Candidate, last: boolean) => {
        let counted = false;
        try {
          // Already settled today (a run before this one): one read, not the whole rule again.
          if (!outcome.quiet && !first && isSettled(await getIntent(personId, day, { consistent: false }))) {
            outcome.planned++;
            outcome.already++;
            return;
          }
          const p = await messageFor(personId, scope, person);
          if (!p || p === 'elsewhere') return;
          outcome.planned++;
          counted = true;
          if (!outcome.quiet) outcome[await deliver(p, ctx)]++;
        } catch (err) {
          if (!last) {
            if (counted) outcome.planned--;
            return void again.push(personId);
          }
          outcome.failed++;
          console.error(`reminder to ${personId} on ${day} not sent:`, err);
        }
      };
      outcome.unfinished = await inPool(candidates(scope), CONCURRENCY, (c) => attempt(c, false), late);
      // Tried again from a fresh read of the person.
      if (!outcome.unfinished) outcome.unfinished = await inPool(again, CONCURRENCY, (id) => attempt({ id }, true), late);
      if (outcome.quiet) return outcome;
      for (let back = RETRY_DAYS; back >= 1 && !outcome.unfinished; back--) {
        const earlier = addDays(day, -back);
        const then = await scopeOf(earlier, unitId);
        outcome.unfinished = await inPool(
          unsentOn(earlier),
          CONCURRENCY,
          async (personId) => {
            const done = await retry(personId, then, { ...ctx, day: earlier }).catch((err: unknown) => {
              console.error(`reminder to ${personId} of ${earlier} not sent:`, err);
              return 'failed' as const;
            });
            if (!done) return;
            outcome.earlier++;
            outcome[done]++;
          },
          late,
        );
      }
      // The day stays open for `continueDay` while anything is left: a piece not reached, a send that failed, one another run holds.
      if (whole) await closeDay(day, !outcome.unfinished && outcome.failed === 0 && outcome.busy === 0);
      await Audit.record({ actor: actor.email, action: 'reminder.run', unitId: unitId ?? null, detail: { ...outcome } });
      return outcome;
    },
  );

  /**
   * Takes up the day's reminders where the last run left them (the daily job's stopped at its
   * timeout, or failed sends): nothing when no run opened the day (the daily job has not yet
   * applied the day's exemptions and lapses), when the day is done, when another run holds it,
   * or in the quiet hours. Idle, one read.
   */
  export async function continueDay(input: { now?: Date; stopAt?: number; site?: string; actor: Actor; mailer?: Mail.Mailer }): Promise<RunOutcome | null> {
    const now = input.now ?? new Date();
    const day = vnDay(now);
    if (schema.isQuietHour(now)) return null;
    const open = await dayState(day);
    if (open?.state !== 'open' || (open.leaseUntil ?? 0) > Date.now()) return null;
    return run({
      date: day,
      now,
      actor: input.actor,
      ...(input.site ? { site: input.site } : {}),
      ...(input.mailer ? { mailer: input.mailer } : {}),
      ...(input.stopAt ? { stopAt: input.stopAt } : {}),
    });
  }

  /**
   * Records what SES reported of a message (an SNS record of the configuration set's events):
   * a reminder's delivery state is kept on it for the history, and a message that did not reach
   * its reader goes to the audit log. True when the audit log gained an entry.
   */
  export async function recordMailEvent(raw: string): Promise<boolean> {
    const report = Mail.reportOf(raw);
    if (!report) return false;
    if (report.personId && report.day) await markDelivery(report.personId, report.day, report.messageId, report.kind, new Date().toISOString());
    if (report.kind === 'delivered') return false;
    await Mail.recordUndelivered(report as Mail.Undelivered);
    return true;
  }

  export type Paused = Pause;

  /**
   * Pauses a unit's reminders, its subtree's with it (a reorganisation under way, a roster
   * being corrected), or resumes them; audited. The in-app notices and the call list stay.
   */
  export const pause = fn(v.object({ unitId: Org.Id, paused: v.boolean(), actor: Actor }), async ({ unitId, paused, actor }): Promise<Pause | null> => {
    const unit = await Org.get(unitId);
    const entry = { unitId: unit.id, by: actor.email, at: new Date().toISOString() };
    if (paused) await putPause(entry);
    else await deletePause(unit.id);
    await Audit.record({ actor: actor.email, action: paused ? 'reminder.pause' : 'reminder.resume', unitId: unit.id, detail: {} });
    return paused ? entry : null;
  });

  /** The paused units that decide whether `unitId`'s people are reminded: itself and those above it. */
  export async function pausesOver(unitId: string): Promise<Pause[]> {
    const unit = await Org.get(unitId);
    const chain = new Set([...unit.ancestors, unit.id]);
    return (await listPauses()).filter((p) => chain.has(p.unitId));
  }

  /** What went out for `unitId`'s subtree, newest day first; `days` narrows to days beginning so (2026-12, 2026-12-01). */
  export const history = fn(
    v.object({
      unitId: Org.Id,
      days: v.optional(v.pipe(v.string(), v.regex(/^\d{4}(-\d\d){0,2}$/, 'ngày dạng 2026, 2026-12 hoặc 2026-12-01'))),
      limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5000)), 1000),
    }),
    async ({ unitId, days, limit }): Promise<{ reminders: Sent[]; more: boolean }> => {
      const all: Sent[] = [];
      for await (const unit of Org.subtree(unitId)) for await (const sent of unitReminders(unit.id, days)) all.push(sent);
      all.sort((a, b) => b.day.localeCompare(a.day) || a.fullName.localeCompare(b.fullName, 'vi'));
      return { reminders: all.slice(0, limit), more: all.length > limit };
    },
  );

  /** A person's in-app notices, newest first. */
  export const notices = fn(v.pipe(v.string(), v.minLength(1), v.maxLength(64)), async (personId): Promise<Notice[]> => (await noticesOf(personId)).reverse());

  /**
   * Puts an in-app notice under a person's bell, once: a repeated write (a message sent again)
   * keeps the first, read flag included. For the domains that message people (the officers' digests).
   */
  export const notify = (personId: string, notice: Notice): Promise<boolean> => putNotice(personId, notice);

  /** Marks one of the person's own notices read (again is harmless). */
  export const markRead = fn(
    v.object({ personId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)), id: v.pipe(v.string(), v.minLength(1), v.maxLength(100)) }),
    async ({ personId, id }): Promise<void> => {
      if (!(await markNoticeRead(personId, id))) throw new VisibleError('notice.not_found', 'Không có thông báo này.');
    },
  );
}
