import * as v from 'valibot';
import { Actor } from '../actor.ts';
import { Audit } from '../audit/index.ts';
import { Course } from '../course/index.ts';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import { Org } from '../org/index.ts';
import { Person } from '../person/index.ts';
import { Readiness } from '../readiness/index.ts';
import * as schema from './schema.ts';
import * as validity from './validity.ts';
import { listTargets, putTarget } from './store.ts';

export namespace Target {
  export const Info = schema.Info;
  export type Info = schema.Info;
  /** Days a late joiner has from their start date when the target sets no `graceDays`. */
  export const defaultGraceDays = schema.defaultGraceDays;
  export const defaultRenewalDays = schema.defaultRenewalDays;
  export const validUntil = validity.validUntil;
  export const renewalOpens = validity.renewalOpens;
  export const renewalDaysOf = validity.renewalDaysOf;
  export const phaseOn = validity.phaseOn;
  export const phaseDays = validity.phaseDays;
  export type Phase = validity.Phase;

  /** Stores a target as given: seeding and tests. An admin's change goes through `set`. */
  export const put = fn(Info, async (target) => {
    await putTarget(target);
  });

  /**
   * An admin creates or changes a target: it is stored, the audit log keeps it before and
   * after, and when it is new or its programme changed, who counts as trained for it is
   * recounted in the background (scope, percentage and deadline are read live).
   */
  export const set = fn(v.object({ actor: Actor, target: Info }), async ({ actor, target }) => {
    const [owner, catalogue] = await Promise.all([target.unitId ? Org.get(target.unitId) : null, Course.list()]);
    // Its programme holds only courses its people can open: the installation's, or its own unit's or one above's.
    const open = new Set(catalogue.filter((c) => (owner ? Course.openAt(c, owner) : !c.unitId)).map((c) => c.slug));
    const closed = target.programme.filter((slug) => !open.has(slug));
    if (closed.length > 0)
      throw new VisibleError(
        'target.course_unknown',
        `Chương trình của chỉ tiêu có khoá học không có hoặc người thuộc chỉ tiêu không mở được: ${closed.map((s) => `"${s}"`).join(', ')}.`,
      );
    const before = (await list()).find((t) => t.id === target.id) ?? null;
    // Its counters stop at the unit that set it (readiness/reach.ts): another unit's target is a new one.
    if (before && (before.unitId ?? null) !== (target.unitId ?? null))
      throw new VisibleError('target.owner_fixed', 'Không đổi được đơn vị đặt chỉ tiêu; hãy tạo chỉ tiêu mới cho đơn vị kia.');
    await put(target);
    const validityChanged =
      before !== null && (JSON.stringify(before.validity ?? null) !== JSON.stringify(target.validity ?? null) || before.renewalDays !== target.renewalDays);
    if (!before || before.programme.join() !== target.programme.join() || validityChanged)
      await Readiness.dispatchRetrain(target.id, { validity: validityChanged });
    await Audit.record({ actor: actor.email, action: before ? 'target.update' : 'target.create', detail: { before, after: target } });
    return { existed: before !== null };
  });

  export async function list(): Promise<Info[]> {
    return listTargets();
  }

  /** The units that own some of `targets`, by id: what a dashboard names each target's origin with. */
  export async function owners(targets: readonly Pick<Info, 'unitId'>[]): Promise<Map<string, Org.Info>> {
    return Org.getMap(new Set(targets.flatMap((t) => (t.unitId ? [t.unitId] : []))));
  }

  export async function pick(id?: string): Promise<Info> {
    return pickFrom(await list(), id);
  }

  /** The target `id` (or the first) of those that apply at a unit: a unit's list or file is never against another subtree's target. */
  export async function pickAt(unitId: string, id?: string): Promise<Info> {
    const [unit, all] = await Promise.all([Org.get(unitId), list()]);
    return pickFrom(applyingAt(unit, all), id);
  }

  function pickFrom(all: Info[], id?: string): Info {
    const found = id ? all.find((t) => t.id === id) : all[0];
    if (!found) throw new VisibleError('target.not_found', id ? `Không tìm thấy chỉ tiêu "${id}".` : 'Chưa có chỉ tiêu nào được thiết lập.');
    return found;
  }

  /**
   * The targets that apply at `unit` (and so to whoever works there): those of the whole
   * installation and those set by the unit itself or a unit above it. The one rule of which
   * targets a person owes and a unit is measured against; order kept.
   */
  export function applyingAt<T extends Pick<Info, 'unitId'>>(unit: Pick<Org.Info, 'id' | 'ancestors'>, targets: readonly T[]): T[] {
    return targets.filter((t) => t.unitId === undefined || Org.isWithin(unit, t.unitId));
  }

  /**
   * Counters are kept per class of person (level | unit kind | category), so a target's
   * scope is applied when reading: changing a scope needs no recount.
   */
  export type Class = `${Org.Level}|${Org.Kind}|${Person.Category}`;
  export const classOf = (person: Pick<Person.Info, 'category'>, unit: Pick<Org.Info, 'level' | 'kind'>): Class =>
    `${unit.level}|${unit.kind}|${person.category}`;
  export const staffCounter = (c: Class) => `staff|${c}`;
  export const trainedCounter = (targetId: string, c: Class) => `trained:${targetId}|${c}`;
  /** An exemption from every target rather than one. */
  export const ALL_TARGETS = '*';
  export const exemptCounter = (targetId: string, c: Class) => `exempt:${targetId}|${c}`;
  /** Of the trained, those inside the renewal window; and, apart from them, those whose completion lapsed. */
  export const expiringCounter = (targetId: string, c: Class) => `expiring:${targetId}|${c}`;
  export const expiredCounter = (targetId: string, c: Class) => `expired:${targetId}|${c}`;
  /** The target a counter counts for (one of the four above), or null for a headcount or a completion counter. */
  export const targetOfCounter = (name: string): string | null => /^(?:trained|exempt|expiring|expired):([^|]+)\|/.exec(name)?.[1] ?? null;

  export function covers(target: Pick<Info, 'categories' | 'levels' | 'unitKinds'>, c: string): boolean {
    const [level, kind, category] = c.split('|') as [Org.Level, Org.Kind, Person.Category];
    return target.categories.includes(category) && (!target.levels || target.levels.includes(level)) && (!target.unitKinds || target.unitKinds.includes(kind));
  }

  const sumCovered = (target: Info, counters: Record<string, number>, prefix: string) => {
    let sum = 0;
    for (const [name, n] of Object.entries(counters)) if (name.startsWith(prefix) && covers(target, name.slice(prefix.length))) sum += n;
    return sum;
  };

  /** People of a unit (or subtree) in this target's scope, the exempt included. */
  export const staffInScope = (target: Info, counters: Record<string, number>) => sumCovered(target, counters, 'staff|');
  /** People in scope exempt from this target today (from it, or from every target): out of its denominator. */
  export const exemptInScope = (target: Info, counters: Record<string, number>) =>
    sumCovered(target, counters, `exempt:${target.id}|`) + sumCovered(target, counters, `exempt:${ALL_TARGETS}|`);
  /** People in scope who have finished the whole programme. */
  export const trainedInScope = (target: Info, counters: Record<string, number>) => sumCovered(target, counters, `trained:${target.id}|`);
  /** Of the trained in scope, those whose completion lapses within the renewal window. */
  export const expiringInScope = (target: Info, counters: Record<string, number>) => sumCovered(target, counters, `expiring:${target.id}|`);
  /** People in scope whose completion lapsed and who have not renewed it: they owe again. */
  export const expiredInScope = (target: Info, counters: Record<string, number>) => sumCovered(target, counters, `expired:${target.id}|`);
}
