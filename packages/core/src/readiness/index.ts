import * as v from 'valibot';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import { Org } from '../org/index.ts';
import { Person } from '../person/index.ts';
import { Target } from '../target/index.ts';
import type { TargetFigures, UnitSummary } from '../report/model.ts';
import { contribute, contributionItem, PersonChanged, settle, sweepRollups as sweep, type Contribution } from './contribution.ts';
import { countersOf, subtreeOf, type Counters } from './counters.ts';
import { targetFigures, type Child, type HistoryPoint } from './figures.ts';
import { ownersOf } from './reach.ts';
import { changePeople as change } from './person-change.ts';
import { headcount as headcountOf, isExempt as exemptFrom, recordDelta } from './person-counts.ts';
import { isoWeek, snapshotItems as itemsOfSnapshot, snapshotWeek as takeSnapshot } from './snapshot.ts';
import { rebuild as rebuildCounters } from './rebuild.ts';
import { owingIn, untrained as listUntrained } from './untrained.ts';
import { retrain as recountTarget } from './retrain.ts';
import { dispatchJob } from '../background.ts';
import {
  completionIndex,
  completionKey,
  ownCounterItems,
  personCompletions,
  personTrainedMarks,
  snapshotsOf,
  trainedIndex,
  trainedKey,
  weekSnapshots,
  markRetaken,
  lapseDueOn,
  LAPSE_DUE_SHARDS,
} from './store.ts';
import { lapseDueItems, renewMark, requireRetake as retakeJob, runLapsesDue, syncLapse } from './validity.ts';
import { vnDay } from '../vn-day.ts';

/**
 * Whether a retake renews a mark on `today`. One a new course version put a date on (`retake`:
 * the version each such course must be completed on): once those courses are completed on those
 * versions, whenever. Otherwise: once it is up for renewal (inside its renewal window, or
 * lapsed) and every course of the programme was last completed since the window opened.
 */
function renewable(
  target: Target.Info,
  mark: { validUntil?: string; retake?: Record<string, number> },
  completions: Record<string, unknown>[],
  today: string,
): boolean {
  if (!mark.validUntil) return false;
  if (mark.retake) {
    const versionOf = new Map(completions.map((c) => [String(c.slug), Number(c.lastVersion ?? c.version)]));
    return Object.entries(mark.retake).every(([slug, version]) => (versionOf.get(slug) ?? 0) >= version);
  }
  if (Target.phaseOn(target, mark.validUntil, today) === 'valid') return false;
  const opens = Target.renewalOpens(target, mark.validUntil);
  const lastDone = new Map(completions.map((c) => [String(c.slug), vnDay(new Date(String(c.lastCompletedAt ?? c.completedAt)))]));
  return target.programme.every((slug) => (lastDone.get(slug) ?? '') >= opens);
}

export namespace Readiness {
  export const rebuild = rebuildCounters;
  export const sweepRollups = sweep;
  export const snapshotWeek = takeSnapshot;
  export const snapshotItems = itemsOfSnapshot;
  /** What one person adds to their unit's own counters (headcount), and what one of their records adds. */
  export const personCounts = headcountOf;
  export const recordCounts = recordDelta;
  export const changePeople = change;
  /** Whether a person is exempt from a target today (from it, or from every target), as their counters say. */
  export const isExempt = exemptFrom;
  export const untrained = listUntrained;
  /** Everyone of a subtree who still owes a target, streamed unit by unit. */
  export const owing = owingIn;
  /**
   * Whose trained mark of which target changes phase on `day` (enters its renewal window or
   * lapses), read from the daily job's due marks without working them: a look-ahead for
   * reminders, O(marks changing that day) over the shards.
   */
  export async function* phaseChangesOn(day: string): AsyncGenerator<{ personId: string; targetId: string }> {
    for (let shard = 0; shard < LAPSE_DUE_SHARDS; shard++) yield* lapseDueOn(shard, day);
  }
  export const retrain = recountTarget;
  /** Brings a person's `lapse` in line with their trained marks today; and the daily job's part of it. */
  export const syncLapses = syncLapse;
  export const runLapses = runLapsesDue;
  /** A new course version that requires a retake: earlier completions' marks lapse on its date. A job, run on publishing. */
  export const requireRetake = retakeJob;
  /** The targets a person holds the trained mark of, with when: one query of their own records. */
  export const trainedMarksOf = (personId: string, file?: Person.File) => personTrainedMarks(personId, file);
  /** Recounts a target whose programme is new or changed, in the background. */
  export const dispatchRetrain = (targetId: string, options: { validity?: boolean } = {}) =>
    dispatchJob({ retrain: targetId, ...(options.validity ? { validity: true } : {}) }, (job) =>
      recountTarget(job.retrain, { validity: Boolean(job.validity) }),
    );

  export type UnitReadiness = TargetFigures & {
    unit: Pick<Org.Info, 'id' | 'code' | 'name' | 'kind' | 'level' | 'parentId' | 'status'>;
    /**
     * The targets that apply at this unit (Target.applyingAt), for the dashboard's choice: those
     * with someone in scope here first. `owner`: the unit that set it, null for the installation's.
     */
    targets: (Pick<Target.Info, 'id' | 'title'> & { applicable: boolean; owner: Pick<Org.Info, 'id' | 'name'> | null })[];
    /** The week the figures are from when a past date was asked for; null: live. */
    asOfWeek: string | null;
  };

  /** What a unit's figures are read from: live counters, or the snapshot of a past week. */
  type Basis = {
    unit: UnitReadiness['unit'] & Pick<Org.Info, 'ancestors'>;
    counters: Counters;
    children: Child[];
    history: HistoryPoint[];
    asOfWeek: string | null;
  };

  const HISTORY_WEEKS = 53;

  async function live(unitId: string): Promise<Basis> {
    const [unit, children, counters, snapshots] = await Promise.all([Org.get(unitId), Org.children(unitId), subtreeOf(unitId), snapshotsOf(unitId)]);
    const childCounters = await Promise.all(children.map((c) => subtreeOf(c.id)));
    return {
      unit,
      counters,
      asOfWeek: null,
      children: children.map((c, i) => ({ id: c.id, code: c.code, name: c.name, kind: c.kind, counters: childCounters[i]! })),
      history: snapshots.slice(-HISTORY_WEEKS),
    };
  }

  /**
   * The tree and figures as the weekly snapshot of `date`'s week kept them (or the latest
   * before it): a report for a date before a merge still shows, and adds up over, the
   * units as they were then.
   */
  async function past(unitId: string, date: string): Promise<Basis> {
    const [unit, snapshots] = await Promise.all([Org.get(unitId), snapshotsOf(unitId)]);
    const week = isoWeek(new Date(`${date}T12:00:00+07:00`));
    const index = snapshots.findLastIndex((s) => s.week <= week);
    if (index < 0) throw new VisibleError('readiness.no_snapshot', `Chưa có số liệu lưu của đơn vị này cho ngày ${date} (số liệu được lưu hằng tuần).`);
    const shot = snapshots[index]!;
    const children = await weekSnapshots(shot.children, shot.week);
    const order = new Map(shot.children.map((id, i) => [id, i]));
    return {
      unit: { ...unit, name: shot.name, code: shot.code, kind: shot.kind, parentId: shot.parentId },
      counters: shot.counters,
      asOfWeek: shot.week,
      children: children
        .map(({ unitId, snapshot: c }) => ({ id: unitId, code: c.code, name: c.name, kind: c.kind, counters: c.counters }))
        .sort((a, b) => order.get(a.id)! - order.get(b.id)!),
      history: snapshots.slice(Math.max(0, index + 1 - HISTORY_WEEKS), index + 1),
    };
  }

  const basis = (unitId: string, date?: string) => (date ? past(unitId, date) : live(unitId));
  const at = (basis: Basis) => (basis.asOfWeek ? new Date(basis.history.at(-1)!.takenAt) : new Date());

  /**
   * A unit's readiness against one target, with its children's: read from maintained
   * counters (one query for the unit, one for the list of children, one per child) or from
   * a past week's snapshots — never a read of every learner.
   */
  export const forUnit = fn(
    v.object({ unitId: Org.Id, targetId: v.optional(v.string()), date: v.optional(v.pipe(v.string(), v.isoDate('ngày phải có dạng 2026-12-31'))) }),
    async ({ unitId, targetId, date }): Promise<UnitReadiness> => {
      const [b, every] = await Promise.all([basis(unitId, date), Target.list()]);
      // A target set for another subtree is not this unit's to be measured against; its owners are this unit or above it.
      const all = Target.applyingAt(b.unit, every);
      const owners = await Target.owners(all);
      // A target nobody here is in the scope of is offered after those that apply (a stable sort keeps their order).
      const targets = all.map((t) => ({ t, applicable: Target.staffInScope(t, b.counters) > 0 })).sort((x, y) => Number(y.applicable) - Number(x.applicable));
      const target = targetId ? all.find((t) => t.id === targetId) : targets[0]?.t;
      if (!target) throw new VisibleError('target.not_found', targetId ? `Không tìm thấy chỉ tiêu "${targetId}".` : 'Chưa có chỉ tiêu nào được thiết lập.');
      return {
        unit: { id: b.unit.id, code: b.unit.code, name: b.unit.name, kind: b.unit.kind, level: b.unit.level, parentId: b.unit.parentId, status: b.unit.status },
        targets: targets.map(({ t, applicable }) => {
          const owner = t.unitId ? owners.get(t.unitId) : undefined;
          return { id: t.id, title: t.title, applicable, owner: owner ? { id: owner.id, name: owner.name } : null };
        }),
        asOfWeek: b.asOfWeek,
        ...targetFigures(target, b.counters, b.children, b.history, at(b), owners),
      };
    },
  );

  /** Every target's figures at one unit: what a report pack is drawn from. */
  export async function summary(unitId: string, requestedBy: string, date?: string): Promise<UnitSummary> {
    const [b, every] = await Promise.all([basis(unitId, date), Target.list()]);
    const targets = Target.applyingAt(b.unit, every);
    const owners = await Target.owners(targets);
    return {
      unit: { id: b.unit.id, code: b.unit.code, name: b.unit.name, kind: b.unit.kind },
      generatedAt: new Date().toISOString(),
      requestedBy,
      targets: targets.map((t) => targetFigures(t, b.counters, b.children, b.history, at(b), owners)),
    };
  }

  /** Everyone active in a unit's subtree, whatever the target: what sizes an export. */
  export async function headcount(unitId: string): Promise<number> {
    const counters = await subtreeOf(unitId);
    return Object.entries(counters).reduce((sum, [name, n]) => (name.startsWith('staff|') ? sum + n : sum), 0);
  }

  /** A unit's own counters (not its subtree's). */
  export async function ownCounters(unitId: string): Promise<Counters> {
    const item = (await ownCounterItems([unitId])).get(unitId);
    return item ? countersOf(item) : {};
  }

  type Placement = { person: Pick<Person.Info, 'id' | 'category' | 'status'>; unit: Pick<Org.Info, 'id' | 'ancestors' | 'level' | 'kind'> };

  /** The source record of a completion: what the write path stores and what a seed or import writes in bulk. */
  export function completion({ person, unit }: Placement, course: { slug: string; version: number; credit?: string }, completedAt: string): Contribution {
    return {
      key: completionKey(person.id, course.slug),
      type: 'completion',
      personId: person.id,
      unitId: unit.id,
      ancestors: unit.ancestors,
      delta: recordDelta({ type: 'completion', slug: course.slug }, { person, unit }),
      attributes: {
        slug: course.slug,
        version: course.version,
        completedAt,
        completedInUnit: unit.id,
        // Counted like any completion, marked in every report as credit for prior learning.
        ...(course.credit ? { creditId: course.credit } : {}),
        ...completionIndex(unit.id, course.slug, person.id),
      },
    };
  }

  /**
   * The source record saying a person has finished a target's whole programme; for a target
   * whose completions lapse, with its last valid day and the due marks of its phases.
   */
  export function trained({ person, unit }: Placement, target: Pick<Target.Info, 'id' | 'validity' | 'renewalDays'>, trainedAt: string): Contribution {
    const validUntil = Target.validUntil(target, vnDay(new Date(trainedAt)));
    return {
      key: trainedKey(person.id, target.id),
      type: 'trained',
      personId: person.id,
      unitId: unit.id,
      ancestors: unit.ancestors,
      delta: recordDelta({ type: 'trained', targetId: target.id }, { person, unit }),
      attributes: { targetId: target.id, trainedAt, ...(validUntil ? { validUntil } : {}), ...trainedIndex(target.id, unit.id, person.id) },
      also: lapseDueItems(person.id, target, validUntil),
    };
  }

  export const asItem = contributionItem;

  /**
   * Records that a person completed a course (once, however often it is called) and, when
   * that finishes a target's programme, that they are trained for it. A person moved or
   * re-classified meanwhile is read again, so the records land in their unit of now.
   *
   * The completion is rolled up last, and only when its trained marks are: while anything
   * this call owes the subtree totals is unfinished, the completion itself stays pending,
   * so a reload that sees it pending (Progress.courseFor) calls this again and finishes it.
   * Called again, it counts nothing twice and finishes whatever roll-up is still pending.
   * `credit`: the approved credit for prior learning it rests on instead of the course.
   * `again`: the learner has just passed the course's quiz once more, after completing it —
   * a retake, which renews the marks of targets whose completions lapse once every course of
   * the programme is retaken inside the renewal window (or after the lapse). `at`: when it
   * happened (ISO time), now when absent — a replay or a test of days passing sets it.
   */
  export async function recordCompletion(input: {
    person: Person.Info;
    slug: string;
    version: number;
    credit?: string;
    again?: boolean;
    at?: string;
  }): Promise<void> {
    let person = input.person;
    for (let attempt = 1; ; attempt++) {
      if (person.status !== 'active') throw new VisibleError('person.inactive', 'Người này không còn trong danh sách đang công tác.');
      try {
        const placement = { person, unit: await Org.get(person.unitId) };
        const at = input.at ?? new Date().toISOString();
        const record = completion(placement, input, at);
        const { settled, created } = await contribute(record, { rollUp: false });
        if (!created && input.again) await markRetaken(record.key, at, input.version);
        const completions = await personCompletions(person.id);
        const done = new Set(completions.map((i) => String(i.slug)));
        let marksSettled = true;
        let lapseMayChange = false;
        // Only a retake may renew a mark: a first completion does not read the person's marks.
        const marks = new Map(input.again ? (await personTrainedMarks(person.id)).map((m) => [m.targetId, m]) : []);
        const targets = await Target.list();
        const owners = ownersOf(targets);
        // Marked only for the targets that apply where the person works: a province's own target is nobody else's to owe.
        for (const target of Target.applyingAt(placement.unit, targets)) {
          if (!target.programme.every((s) => done.has(s))) continue;
          const mark = trained(placement, target, at);
          const result = await contribute(mark, { owners });
          marksSettled = result.settled && marksSettled;
          const today = vnDay(new Date(at));
          const held = marks.get(target.id);
          if (result.created) lapseMayChange ||= Target.phaseOn(target, (mark.attributes.validUntil as string | undefined) ?? null, today) !== 'valid';
          else if (held && input.again && renewable(target, held, completions, today))
            lapseMayChange = (await renewMark(person.id, target, held, at)) || lapseMayChange;
        }
        if (!settled && marksSettled) await settle(record.key);
        if (lapseMayChange) await syncLapse(person.id, vnDay(new Date(at)));
        return;
      } catch (err) {
        if (!(err instanceof PersonChanged) || attempt >= 5) throw err;
        person = await Person.get(person.id);
      }
    }
  }
}
