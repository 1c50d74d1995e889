import { VisibleError } from '../error.ts';
import { Org } from '../org/index.ts';
import { unitIdFor } from '../org/reorganise.ts';
import { foldVietnamese } from '../person/schema.ts';
import { unitIdsOf } from './schema.ts';

export type UnitName = { name: string; code: string };

/**
 * The names of every unit some entry names (its own unit, merge sources, old and new
 * parents, grants), in one batched read, so the log reads "Xã Z" instead of "x027". The
 * scope's own unit is added for the filter's suggestions; an id no longer stored is left
 * out and shown as it is.
 */
export async function unitNames(entries: { unitId?: string | null; detail?: Record<string, unknown> }[], scope: Org.Info | null) {
  const units = await Org.getMap(new Set(entries.flatMap(unitIdsOf)));
  if (scope) units.set(scope.id, scope);
  return Object.fromEntries([...units.values()].map((u): [string, UnitName] => [u.id, { name: u.name, code: u.code }]));
}

/** Every unit of a subtree, merged and dissolved ones too (their entries stay in the log), level by level. */
async function everyUnitBelow(scope: Org.Info | null): Promise<Org.Info[]> {
  const out: Org.Info[] = scope ? [scope] : [];
  let level: (string | null)[] = [scope?.id ?? null];
  while (level.length > 0) {
    const found = (await Promise.all(level.flatMap((id) => [Org.children(id), Org.formerChildren(id)]))).flat();
    out.push(...found);
    level = found.filter((u) => u.status === 'active').map((u) => u.id);
  }
  return out;
}

const described = (units: Org.Info[]) =>
  units
    .slice(0, 5)
    .map((u) => `${u.name} (${u.code})`)
    .join('; ');

/**
 * The unit an admin filters the log by, typed as an id, a code or a name (any case, with
 * or without marks), inside their scope. A code or id is one read; a name is looked for
 * through the scope's tree. A unit outside the scope reads as unknown, as one that does
 * not exist does, so names and codes outside it cannot be probed.
 */
export async function findUnit(text: string, scope: Org.Info | null): Promise<Org.Info> {
  const typed = text.trim();
  const inScope = (u: Org.Info) => !scope || Org.isWithin(u, scope.id);
  const byId = await Org.getMap(new Set([typed, unitIdFor(typed)].filter(Boolean)));
  const direct = [...byId.values()].find(inScope);
  if (direct) return direct;
  const wanted = foldVietnamese(typed);
  const units = await everyUnitBelow(scope);
  const exact = units.filter((u) => foldVietnamese(u.name) === wanted || foldVietnamese(u.code) === wanted);
  const partial = exact.length > 0 ? exact : units.filter((u) => foldVietnamese(u.name).includes(wanted));
  if (partial.length === 1) return partial[0]!;
  if (partial.length > 1) {
    throw new VisibleError(
      'audit.unit_ambiguous',
      `Có ${partial.length} đơn vị khớp với "${typed}": ${described(partial)}. Hãy chọn một đơn vị trong danh sách hoặc nhập mã.`,
    );
  }
  throw new VisibleError('audit.unit_unknown', `Không tìm thấy đơn vị "${typed}" trong phạm vi của bạn.`);
}
