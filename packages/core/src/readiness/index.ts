import * as v from 'valibot';
import { keys } from '../db/keys.ts';
import { queryList } from '../db/query.ts';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import { Org } from '../org/index.ts';
import { Person } from '../person/index.ts';
import { Target } from '../target/index.ts';
import { contribute, contributionItem, sweepRollups as sweep, type Contribution } from './contribution.ts';
import { subtreeOf, type Counters } from './counters.ts';
import { snapshotWeek as takeSnapshot } from './snapshot.ts';
import { rebuild as rebuildCounters } from './rebuild.ts';

export namespace Readiness {
  export const rebuild = rebuildCounters;
  export const sweepRollups = sweep;
  export const snapshotWeek = takeSnapshot;

  export type Figures = { staff: number; trained: number; percent: number; meetsTarget: boolean };
  export type UnitReadiness = Figures & {
    unit: Org.Info;
    target: Target.Info;
    /** People still to train to reach the target's percentage. */
    gap: number;
    /** Days until the target's deadline (negative once past). */
    daysLeft: number;
    /** Weekly figures from the snapshots the scheduled job keeps, oldest first (at most a year). */
    history: (Figures & { week: string })[];
    children: (Figures & Pick<Org.Info, 'id' | 'name' | 'kind' | 'code'>)[];
  };

  function figures(target: Target.Info, counters: Counters): Figures {
    const staff = Target.staffInScope(target, counters);
    const trained = counters[Target.trainedCounter(target.id)] ?? 0;
    const percent = staff === 0 ? 0 : Math.floor((trained / staff) * 1000) / 10;
    return { staff, trained, percent, meetsTarget: staff > 0 && percent >= target.percent };
  }


  /**
   * A unit's readiness and its children's, read from maintained counters: one query for the
   * unit, one for the list of children, one per child — never a read of every learner.
   */
  export const forUnit = fn(v.object({ unitId: Org.Id, targetId: v.optional(v.string()) }), async ({ unitId, targetId }): Promise<UnitReadiness> => {
    const [unit, target, children, counters, snapshots] = await Promise.all([Org.get(unitId), Target.pick(targetId), Org.children(unitId), subtreeOf(unitId),
      queryList<{ week: string; counters: Counters }>({ pk: keys.unitPartition(unitId), skPrefix: keys.snapshotPrefix })]);
    const childFigures = await Promise.all(
      children.map(async (child) => ({ id: child.id, name: child.name, kind: child.kind, code: child.code, ...figures(target, await subtreeOf(child.id)) })),
    );
    const now = figures(target, counters);
    const gap = Math.max(0, Math.ceil((now.staff * target.percent) / 100) - now.trained);
    const daysLeft = Math.ceil((Date.parse(`${target.deadline}T23:59:59+07:00`) - Date.now()) / 86_400_000);
    const history = snapshots.slice(-53).map((s) => ({ week: s.week, ...figures(target, s.counters) }));
    return { unit, target, ...now, gap, daysLeft, history, children: childFigures };
  });

  type Placement = { person: Pick<Person.Info, 'id' | 'category'>; unit: Pick<Org.Info, 'id' | 'ancestors'> };

  /** The source record of a completion: what the write path stores and what a seed or import writes in bulk. */
  export function completion({ person, unit }: Placement, course: { slug: string; version: number }, completedAt: string): Contribution {
    return {
      key: keys.completion(person.id, course.slug),
      type: 'completion',
      unitId: unit.id,
      ancestors: unit.ancestors,
      delta: { [`completed:${course.slug}`]: 1 },
      attributes: { personId: person.id, slug: course.slug, version: course.version, completedAt, gsi1pk: keys.completionsOf(unit.id), gsi1sk: `${course.slug}#${person.id}` },
    };
  }

  /** The source record saying a person has finished a target's whole programme. */
  export function trained({ person, unit }: Placement, target: Target.Info, trainedAt: string): Contribution {
    return {
      key: keys.trained(person.id, target.id),
      type: 'trained',
      unitId: unit.id,
      ancestors: unit.ancestors,
      delta: target.categories.includes(person.category as Person.Category) ? { [Target.trainedCounter(target.id)]: 1 } : {},
      attributes: { personId: person.id, targetId: target.id, trainedAt },
    };
  }

  export const asItem = contributionItem;

  /**
   * Records that a person completed a course (once, however often it is called) and, when
   * that finishes a target's programme, that they are trained for it.
   */
  export async function recordCompletion(input: { person: Person.Info; slug: string; version: number }): Promise<void> {
    const { person } = input;
    if (person.status !== 'active') throw new VisibleError('person.inactive', 'Người này không còn trong danh sách đang công tác.', 409);
    const placement = { person, unit: await Org.get(person.unitId) };
    const at = new Date().toISOString();
    await contribute(completion(placement, input, at));
    const done = new Set(
      (await queryList({ pk: keys.personPartition(person.id), skPrefix: keys.completionPrefix })).map((i) => String(i.slug)),
    );
    for (const target of await Target.list()) {
      if (target.programme.every((s) => done.has(s))) await contribute(trained(placement, target, at));
    }
  }
}
