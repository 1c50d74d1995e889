import type { Org } from '../org/index.ts';
import { Target } from '../target/index.ts';
import type { ChildFigures, Projection, TargetFigures } from '../report/model.ts';
import type { Counters } from './counters.ts';
import { vnDay } from '../vn-day.ts';

/**
 * `inScope` counts everyone the target covers; `exempt` those of them exempt today; `staff`
 * (the denominator) the rest; `owing` those of `staff` not trained yet. `applicable` is false
 * where nobody is counted: "not applicable", never "failing".
 */
export type Figures = Omit<ChildFigures, 'id' | 'code' | 'name' | 'kind'>;

export function figuresOf(target: Target.Info, counters: Counters): Figures {
  const inScope = Target.staffInScope(target, counters);
  const exempt = Target.exemptInScope(target, counters);
  const staff = inScope - exempt;
  const trained = Target.trainedInScope(target, counters);
  const expiringSoon = Target.expiringInScope(target, counters);
  const expired = Target.expiredInScope(target, counters);
  // Rounded down: 99.96 % must not print as a "100 %" that has not been reached.
  const percent = staff === 0 ? 0 : Math.floor((trained / staff) * 1000) / 10;
  const gap = Math.max(0, Math.ceil((staff * target.percent) / 100) - trained);
  return {
    inScope,
    exempt,
    staff,
    trained,
    owing: staff - trained,
    validNow: trained,
    expiringSoon,
    expired,
    everTrained: trained + expired,
    percent,
    meetsTarget: staff > 0 && gap === 0,
    gap,
    applicable: staff > 0,
  };
}

const DAY = 86_400_000;
/** The end of the deadline day in Vietnam. */
export const deadlineTime = (deadline: string) => Date.parse(`${deadline}T23:59:59+07:00`);

/** Weeks of history the pace is measured over. */
export const PACE_WEEKS = 4;

/**
 * The pace of the last weeks (from the snapshot about PACE_WEEKS before now to now),
 * carried forward to the date the gap would close, compared with the deadline.
 */
export function project(now: Figures, history: { takenAt: string; trained: number }[], deadline: string, at: Date): Projection {
  // Nobody in scope: nothing to forecast, and never "will miss the deadline".
  if (now.staff === 0) return { weeklyPace: null, projectedDate: null, onTrack: null };
  if (now.staff > 0 && now.gap === 0) return { weeklyPace: null, projectedDate: null, onTrack: true };
  const cutoff = at.getTime() - PACE_WEEKS * 7 * DAY;
  const earlier = history.filter((h) => Date.parse(h.takenAt) <= at.getTime() - 3.5 * DAY);
  const base = earlier.find((h) => Date.parse(h.takenAt) >= cutoff - 3.5 * DAY) ?? earlier.at(-1);
  if (!base) return { weeklyPace: null, projectedDate: null, onTrack: null };
  const weeks = (at.getTime() - Date.parse(base.takenAt)) / (7 * DAY);
  const weeklyPace = Math.round(((now.trained - base.trained) / weeks) * 10) / 10;
  if (weeklyPace <= 0) return { weeklyPace: Math.max(0, weeklyPace), projectedDate: null, onTrack: false };
  const projected = new Date(at.getTime() + (now.gap / weeklyPace) * 7 * DAY);
  return { weeklyPace, projectedDate: vnDay(projected), onTrack: projected.getTime() <= deadlineTime(deadline) };
}

/**
 * Worst first: the lowest percentage, then the largest gap, then by code; a child the target
 * does not apply to (nobody in scope) comes after every child it applies to.
 */
export const worstFirst = (a: ChildFigures, b: ChildFigures): number =>
  Number(b.applicable) - Number(a.applicable) || a.percent - b.percent || b.gap - a.gap || a.code.localeCompare(b.code);

export type Child = Pick<Org.Info, 'id' | 'code' | 'name' | 'kind'> & { counters: Counters };
export type HistoryPoint = { week: string; takenAt: string; counters: Counters };

/** Everything a dashboard and a report show for one target at one unit. */
export function targetFigures(
  target: Target.Info,
  counters: Counters,
  children: Child[],
  snapshots: HistoryPoint[],
  at: Date,
  /** The units that set targets, by id (Target.owners). */
  owners: ReadonlyMap<string, { id: string; name: string }> = new Map(),
): TargetFigures {
  const owner = target.unitId ? owners.get(target.unitId) : undefined;
  const now = figuresOf(target, counters);
  const history = snapshots.map((s) => ({ week: s.week, takenAt: s.takenAt, ...figuresOf(target, s.counters) }));
  const childFigures: ChildFigures[] = children
    .map((c) => ({ id: c.id, code: c.code, name: c.name, kind: c.kind, ...figuresOf(target, c.counters) }))
    .sort(worstFirst);
  const byKind = new Map<string, { kind: string; meets: number; total: number }>();
  // A child with nobody in the target's scope (communes, for a provincial target) is not counted.
  for (const c of childFigures.filter((c) => c.applicable)) {
    const k = byKind.get(c.kind) ?? { kind: c.kind, meets: 0, total: 0 };
    k.total++;
    if (c.meetsTarget) k.meets++;
    byKind.set(c.kind, k);
  }
  return {
    target: {
      id: target.id,
      title: target.title,
      percent: target.percent,
      deadline: target.deadline,
      programme: target.programme,
      validity: target.validity ?? null,
      renewalDays: Target.renewalDaysOf(target),
      owner: owner ? { id: owner.id, name: owner.name } : null,
    },
    ...now,
    daysLeft: Math.ceil((deadlineTime(target.deadline) - at.getTime()) / DAY),
    projection: project(now, history, target.deadline, at),
    childrenMeeting: [...byKind.values()],
    children: childFigures,
    history: history.map(({ week, staff, trained, percent }) => ({ week, staff, trained, percent })),
  };
}
