import * as v from 'valibot';
import { createHash, randomUUID } from 'node:crypto';
import { Actor } from '../actor.ts';
import { Audit } from '../audit/index.ts';
import { fn } from '../fn.ts';
import { Mail } from '../mail/index.ts';
import { Readiness } from '../readiness/index.ts';
import { isoWeek } from '../readiness/snapshot.ts';
import type { TargetFigures, UnitSummary } from '../report/model.ts';
import { addDays } from '../requirement/schema.ts';
import { vnDay } from '../vn-day.ts';
import { headOf, recipients, setHead, setOptOut, statusOf, type DigestStatus, type Head, type Recipient } from './recipients.ts';
import { getMessage, isSettledMessage, leaseMessage, projectionStates, recordMessage, settleMessage, turnProjection } from './store.ts';
import { loadDigestTemplate, renderAlert, renderDigest, type TargetLine, type UnitSection } from './template.ts';
import { isQuietHour } from '../reminder/schema.ts';
import { Reminder } from '../reminder/index.ts';
import type { Rendered } from '../reminder/template.ts';

/**
 * Messages to HR officers and heads of units about their subtree: a weekly digest (figures,
 * projection, the units and people most behind) sent on Mondays, and a notice when a unit's
 * projection turns "không kịp hạn". Each goes out exactly once, as a learner's reminder does:
 * its intent (person, week; or person, unit, target, day it turned) is recorded before it is
 * sent. A recipient may turn both off; learners' reminders cannot be.
 */
export namespace Digest {
  export type Status = DigestStatus;
  export type HeadOfUnit = Head;
  export type Outcome = {
    day: string;
    quiet: boolean;
    recipients: number;
    optedOut: number;
    /** Recipients with nothing to read: no target applies anywhere in their scope. */
    empty: number;
    sent: number;
    noAddress: number;
    already: number;
    busy: number;
    failed: number;
  };
  export type DailyOutcome = { late: Outcome & { turned: number }; weekly: (Outcome & { week: string }) | null };

  export const head = headOf;
  export const nameHead = setHead;
  export const optOut = setOptOut;
  export const status = statusOf;

  /** The units most behind and the people most behind a digest names for each target. */
  export const UNITS_BEHIND = 3;
  export const PEOPLE_BEHIND = 5;
  /** A turn older than this is not announced to a recipient who came later (or to a run days late): the weekly digest tells them. */
  const TURN_NOTICE_DAYS = 7;

  const Options = {
    actor: Actor,
    now: v.optional(v.date()),
    /** The site's address, for the links in messages. */
    site: v.optional(v.pipe(v.string(), v.url()), 'http://localhost:3000'),
    mailer: v.optional(v.custom<Mail.Mailer>((m) => typeof (m as Mail.Mailer | null)?.send === 'function')),
    leaseSeconds: v.optional(v.pipe(v.number(), v.minValue(1)), 120),
  };
  type Context = { day: string; actor: Actor; site: string; mailer: Mail.Mailer; leaseSeconds: number; summaries: Map<string, Promise<UnitSummary>> };

  const contextOf = (o: { actor: Actor; now?: Date; site: string; mailer?: Mail.Mailer; leaseSeconds: number }): Context => ({
    day: vnDay(o.now ?? new Date()),
    actor: o.actor,
    site: o.site.replace(/\/$/, ''),
    mailer: o.mailer ?? Mail.shared(),
    leaseSeconds: o.leaseSeconds,
    summaries: new Map(),
  });
  const emptyOutcome = (day: string): Outcome => ({
    day,
    quiet: false,
    recipients: 0,
    optedOut: 0,
    empty: 0,
    sent: 0,
    noAddress: 0,
    already: 0,
    busy: 0,
    failed: 0,
  });

  /** Every target's figures at a unit, read once a run however many recipients share it. */
  const summaryOf = (ctx: Context, unitId: string) => ctx.summaries.get(unitId) ?? ctx.summaries.set(unitId, Readiness.summary(unitId, 'digest')).get(unitId)!;

  async function lineOf(unitId: string, f: TargetFigures, today: string): Promise<TargetLine> {
    const people = f.meetsTarget ? [] : (await Readiness.untrained({ unitId, targetId: f.target.id, limit: PEOPLE_BEHIND, today })).people;
    return {
      title: f.target.title,
      trained: f.trained,
      staff: f.staff,
      percent: f.percent,
      goal: f.target.percent,
      deadline: f.target.deadline,
      meetsTarget: f.meetsTarget,
      projection: f.projection,
      // Children are sorted worst first already; those on target are not "behind".
      behind: f.children
        .filter((c) => c.applicable && !c.meetsTarget)
        .slice(0, UNITS_BEHIND)
        .map((c) => ({ name: c.name, percent: c.percent, owing: c.owing })),
      people: people.map((p) => ({ name: p.fullName, unit: p.unitName, dueDate: p.dueDate })),
    };
  }

  async function sectionsOf(ctx: Context, r: Recipient): Promise<UnitSection[]> {
    const sections: UnitSection[] = [];
    for (const scope of r.scopes) {
      const summary = await summaryOf(ctx, scope.id);
      const targets = await Promise.all(summary.targets.filter((f) => f.applicable).map((f) => lineOf(scope.id, f, ctx.day)));
      if (targets.length > 0) sections.push({ unit: summary.unit.name, targets });
    }
    return sections;
  }

  const links = (ctx: Context, r: Recipient, unitId: string) => ({
    link: r.officer ? `${ctx.site}/san-sang?unit=${encodeURIComponent(unitId)}` : `${ctx.site}/thong-bao`,
    settings: `${ctx.site}/thong-bao`,
  });

  type Delivery = 'sent' | 'noAddress' | 'already' | 'busy' | 'failed';
  type Message = { about: string; kind: 'digest' | 'late'; unitId: string; noticeId: string; compose: () => Promise<Rendered> };

  /** One message, exactly once: recorded, leased, sent, settled; then the in-app notice and the audit entry. */
  async function deliver(ctx: Context, r: Recipient, m: Message): Promise<Delivery> {
    const done = await Mail.sendOnce({
      intent: {
        record: (lease) => recordMessage(r.personId, m.about, { kind: m.kind, unitId: m.unitId }, new Date().toISOString(), lease),
        settled: async () => {
          const intent = await getMessage(r.personId, m.about);
          return intent && isSettledMessage(intent);
        },
        lease: (leaseId, now) => leaseMessage(r.personId, m.about, leaseId, now, ctx.leaseSeconds),
        settle: (leaseId, outcome) => settleMessage(r.personId, m.about, leaseId, outcome),
      },
      leaseSeconds: ctx.leaseSeconds,
      to: r.email,
      tags: { person: r.personId, day: ctx.day, unit: m.unitId, kind: m.kind },
      send: (message) => ctx.mailer.send(message),
      compose: m.compose,
      label: `${m.kind} to ${r.personId} (${m.about})`,
    });
    if (typeof done === 'string') return done;
    const { message, messageId, sentAt } = done;
    await Mail.insist(() =>
      Reminder.notify(r.personId, { id: `${ctx.day}.${m.noticeId}`, at: sentAt, title: message.subject, body: message.summary, read: false }),
    );
    const audit = { actor: ctx.actor.email, unitId: m.unitId, detail: { personId: r.personId, about: m.about, ...(messageId ? { messageId } : {}) } };
    if (m.kind === 'digest') await Mail.insist(() => Audit.record({ ...audit, action: r.email ? 'reminder.digest.sent' : 'reminder.digest.noticed' }));
    else await Mail.insist(() => Audit.record({ ...audit, action: r.email ? 'reminder.late.sent' : 'reminder.late.noticed' }));
    return done.outcome;
  }

  /**
   * The weekly digest of the ISO week `now` falls in, to every recipient who has not turned it
   * off: once a week, however often it runs. Nothing in the quiet hours.
   */
  export const weekly = fn(v.object(Options), async (options): Promise<Outcome & { week: string }> => {
    const ctx = contextOf(options);
    const week = isoWeek(new Date(`${ctx.day}T12:00:00+07:00`));
    const outcome = { ...emptyOutcome(ctx.day), week };
    if (isQuietHour(options.now ?? new Date())) return { ...outcome, quiet: true };
    for (const r of await recipients()) {
      outcome.recipients++;
      if (r.optedOut) {
        outcome.optedOut++;
        continue;
      }
      const about = `WEEK#${week}`;
      // Settled already: skip before reading the figures a digest needs.
      if (isSettledMessage(await getMessage(r.personId, about))) {
        outcome.already++;
        continue;
      }
      const units = await sectionsOf(ctx, r);
      if (units.length === 0) {
        outcome.empty++;
        continue;
      }
      const unitId = r.scopes[0]!.id;
      const template = await loadDigestTemplate(r.language);
      outcome[
        await deliver(ctx, r, {
          about,
          kind: 'digest',
          unitId,
          noticeId: 'bao-cao-tuan',
          compose: () => renderDigest(template, { name: r.fullName, week, units, ...links(ctx, r, unitId) }),
        })
      ]++;
    }
    await Audit.record({ actor: ctx.actor.email, action: 'reminder.digest.run', unitId: null, detail: { ...outcome } });
    return outcome;
  });

  const shortId = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 12);

  /**
   * Watches the projection of every unit a recipient looks after (their own scope units, not
   * every unit below), target by target, and tells that unit's recipients once when it turns
   * "không kịp hạn": the turn is kept per unit and target, and each notice's intent is keyed by
   * the day it turned, so a second run, or a unit staying late, sends nothing new; a unit that
   * recovers and turns late again is a new turn.
   */
  export const watchProjections = fn(v.object(Options), async (options): Promise<Outcome & { turned: number }> => {
    const ctx = contextOf(options);
    const outcome = { ...emptyOutcome(ctx.day), turned: 0 };
    if (isQuietHour(options.now ?? new Date())) return { ...outcome, quiet: true };
    const watchers = new Map<string, Recipient[]>();
    for (const r of await recipients()) {
      outcome.recipients++;
      if (r.optedOut) outcome.optedOut++;
      for (const scope of r.scopes) watchers.set(scope.id, [...(watchers.get(scope.id) ?? []), r]);
    }
    for (const [unitId, rs] of watchers) {
      const [summary, states] = await Promise.all([summaryOf(ctx, unitId), projectionStates(unitId)]);
      for (const f of summary.targets) {
        const targetId = f.target.id;
        const late = f.applicable && f.projection.onTrack === false;
        const before = states.get(targetId);
        if (!late) {
          if (before?.late) await turnProjection(unitId, { targetId, late: false, since: ctx.day });
          continue;
        }
        let since = before?.late ? before.since : ctx.day;
        if (!before?.late) {
          if (await turnProjection(unitId, { targetId, late: true, since })) outcome.turned++;
          // Another run turned it first: its day is the turn's.
          else since = (await projectionStates(unitId)).get(targetId)?.since ?? since;
        }
        if (since < addDays(ctx.day, -TURN_NOTICE_DAYS)) continue;
        const line = await lineOf(unitId, f, ctx.day);
        for (const r of rs.filter((r) => !r.optedOut)) {
          const template = await loadDigestTemplate(r.language);
          outcome[
            await deliver(ctx, r, {
              about: `LATE#${unitId}#${targetId}#${since}`,
              kind: 'late',
              unitId,
              noticeId: `khong-kip-han.${shortId(`${unitId}#${targetId}`)}`,
              compose: () => renderAlert(template, { name: r.fullName, unit: summary.unit.name, line, ...links(ctx, r, unitId) }),
            })
          ]++;
        }
      }
    }
    return outcome;
  });

  /** Whether a Vietnam day (yyyy-mm-dd) is a Monday, the digest's day. */
  export const isDigestDay = (day: string): boolean => new Date(`${day}T12:00:00Z`).getUTCDay() === 1;

  /** The daily job's part: the projections watched every day, the weekly digest on Mondays. */
  export async function daily(options: { actor: Actor; now?: Date; site?: string; mailer?: Mail.Mailer }): Promise<DailyOutcome> {
    const now = options.now ?? new Date();
    const late = await watchProjections({ ...options, now });
    return { late, weekly: isDigestDay(vnDay(now)) ? await weekly({ ...options, now }) : null };
  }
}
