import * as v from 'valibot';
import { ImportError, renameColumns, requireCells, requireColumns, type ImportRow, type RowProblem } from '../import-rows.ts';
import { Org } from './index.ts';
import { Audit } from '../audit/index.ts';
import { moveUnit, unitIdFor, updateUnit } from './reorganise.ts';
import { putCreatedUnits } from './store.ts';

export { unitIdFor };

export type TreeChange = { row: number; code: string; action: 'create' | 'rename' | 'change' | 'move' | 'unchanged'; detail: string };
export type TreePlan = { created: number; updated: number; moved: number; unchanged: number; changes: TreeChange[] };

const kinds = new Set<string>(Org.kinds);
const levels = new Set<string>(Org.levels);

/**
 * Plans (and unless `dryRun`, applies) an org-tree file with rows `code, name, kind,
 * parent_code` and optionally `level`: new units are created, existing ones renamed,
 * re-classified or moved under another parent with the effective date. Every row is
 * checked first: one bad row and nothing is written, with every problem listed. Parents may
 * come earlier or later in the file, or already exist.
 */
const aliases: Record<string, string> = {
  mã: 'code',
  'mã đơn vị': 'code',
  tên: 'name',
  'tên đơn vị': 'name',
  loại: 'kind',
  'loại đơn vị': 'kind',
  cấp: 'level',
  'mã cấp trên': 'parent_code',
  'mã đơn vị cấp trên': 'parent_code',
  parent: 'parent_code',
};

/** What is wrong with a unit code in a file, in the words the API uses for the same mistake. */
function codeProblem(code: string): string | undefined {
  const parsed = v.safeParse(Org.Code, code);
  const shown = JSON.stringify(code.length > 40 ? `${code.slice(0, 40)}…` : code);
  if (!parsed.success) return `${parsed.issues[0].message}; đang ghi ${shown}`;
  if (!unitIdFor(code)) return `mã ${shown} cần có chữ hoặc số`;
  return undefined;
}

/**
 * A row may touch a unit only inside the importer's scope at both ends: where the unit is
 * now (an existing unit) and where the row puts it. Otherwise a row could pull a unit, with
 * its people and their accounts, in from outside. The scope's own unit stays as it is.
 */
function outOfScope(current: Org.Info | undefined, next: Org.Info, within: Org.Info): 'code' | 'parent_code' | null {
  const inside = (u: Org.Info) => Org.isWithin(u, within.id) && u.id !== within.id;
  if (current ? !inside(current) : next.id === within.id) return 'code';
  return inside(next) ? null : 'parent_code';
}

export async function importUnits(file: ImportRow[], options: { actor?: string; effective: string; dryRun?: boolean; within?: Org.Info }): Promise<TreePlan> {
  const actor = options.actor ?? 'cli';
  const rows = renameColumns(file, aliases);
  requireColumns(rows, ['code', 'name', 'kind']);
  const problems: RowProblem[] = [];
  requireCells(rows, ['code', 'name', 'kind'], problems);
  const byCode = new Map<string, ImportRow>();
  const byId = new Map<string, { row: number; code: string }>();
  for (const r of rows) {
    const code = r.cells.code?.trim() ?? '';
    const wrong = code ? codeProblem(code) : undefined;
    if (wrong) problems.push({ row: r.row, column: 'code', message: wrong });
    // Codes that differ only in case, spaces or dashes name the same unit (its id).
    const first = code && !wrong ? byId.get(unitIdFor(code)) : undefined;
    if (first)
      problems.push({
        row: r.row,
        column: 'code',
        message: first.code === code ? `mã "${code}" trùng với dòng ${first.row}` : `mã "${code}" trùng với mã "${first.code}" ở dòng ${first.row}`,
      });
    else if (code && !wrong) byId.set(unitIdFor(code), { row: r.row, code });
    if (code) byCode.set(code, r);
    if (r.cells.kind && !kinds.has(r.cells.kind.trim()))
      problems.push({ row: r.row, column: 'kind', message: `loại "${r.cells.kind}" không hợp lệ (${Org.kinds.join(', ')})` });
    if (r.cells.level?.trim() && !levels.has(r.cells.level.trim()))
      problems.push({ row: r.row, column: 'level', message: `cấp "${r.cells.level}" không hợp lệ (${Org.levels.join(', ')})` });
  }
  const codes = [...byCode.keys(), ...rows.map((r) => r.cells.parent_code?.trim() ?? '').filter(Boolean)];
  const existing = await Org.getMap(codes.map(unitIdFor));
  for (const r of rows) {
    const parent = r.cells.parent_code?.trim();
    const found = parent ? existing.get(unitIdFor(parent)) : undefined;
    if (parent && !byCode.has(parent) && !found) problems.push({ row: r.row, column: 'parent_code', message: `không có đơn vị cấp trên mã "${parent}"` });
    else if (parent && !byCode.has(parent) && found?.status !== 'active')
      problems.push({ row: r.row, column: 'parent_code', message: `đơn vị cấp trên "${parent}" đã hợp nhất hoặc giải thể` });
    const current = r.cells.code ? existing.get(unitIdFor(r.cells.code)) : undefined;
    if (current && current.status !== 'active')
      problems.push({ row: r.row, column: 'code', message: `đơn vị "${r.cells.code}" đã hợp nhất hoặc giải thể; dùng mã mới` });
  }
  if (problems.length > 0) throw new ImportError(problems);

  // Work out each row's unit as it will be, parents first, catching cycles.
  const resolved = new Map<string, Org.Info>();
  const resolve = (code: string, seen: Set<string>): Org.Info | undefined => {
    const id = unitIdFor(code);
    if (resolved.has(id)) return resolved.get(id);
    const r = byCode.get(code);
    if (!r) return existing.get(id);
    if (seen.has(code)) return undefined;
    seen.add(code);
    const parentCode = r.cells.parent_code?.trim();
    const parent = parentCode ? resolve(parentCode, seen) : null;
    if (parentCode && !parent) return undefined;
    const level = (r.cells.level?.trim() || undefined) as Org.Level | undefined;
    const unit = Org.make({ id, code, name: r.cells.name!.trim().normalize('NFC'), kind: r.cells.kind!.trim() as Org.Kind, level }, parent ?? null);
    resolved.set(id, unit);
    return unit;
  };
  for (const r of rows) {
    const unit = resolve(r.cells.code!.trim(), new Set());
    const outside = unit && options.within ? outOfScope(existing.get(unit.id), unit, options.within) : null;
    if (!unit) problems.push({ row: r.row, column: 'parent_code', message: 'vòng lặp cấp trên – cấp dưới' });
    else if (existing.get(unit.id) && unit.ancestors.includes(unit.id))
      problems.push({ row: r.row, column: 'parent_code', message: 'không thể đặt đơn vị dưới chính đơn vị cấp dưới của nó' });
    else if (outside) problems.push({ row: r.row, column: outside, message: `ngoài phạm vi quản lý của bạn (${options.within!.name})` });
  }
  if (problems.length > 0) throw new ImportError(problems);

  const plan: TreePlan = { created: 0, updated: 0, moved: 0, unchanged: 0, changes: [] };
  const creates: Org.Info[] = [];
  const updates: { unit: Org.Info; next: Org.Info }[] = [];
  const moves: { unit: Org.Info; parentId: string }[] = [];
  for (const r of rows) {
    const next = resolved.get(unitIdFor(r.cells.code!))!;
    const current = existing.get(next.id);
    const change = (action: TreeChange['action'], detail: string) => plan.changes.push({ row: r.row, code: next.code, action, detail });
    if (!current) {
      creates.push(next);
      plan.created++;
      change('create', next.name);
      continue;
    }
    const renamed = current.name !== next.name;
    const reclassed = current.kind !== next.kind || (r.cells.level?.trim() ? current.level !== next.level : false);
    if (renamed || reclassed) {
      updates.push({ unit: current, next });
      plan.updated++;
      change(reclassed ? 'change' : 'rename', renamed ? `${current.name} → ${next.name}` : `${current.kind}/${current.level} → ${next.kind}/${next.level}`);
    }
    if ((current.parentId ?? '') !== (next.parentId ?? '') && next.parentId) {
      moves.push({ unit: current, parentId: next.parentId });
      plan.moved++;
      change('move', `${current.parentId ?? '—'} → ${next.parentId}`);
    }
    if (!renamed && !reclassed && (current.parentId ?? '') === (next.parentId ?? '')) {
      plan.unchanged++;
      change('unchanged', '');
    }
  }
  if (options.dryRun) return plan;

  const at = new Date().toISOString();
  await putCreatedUnits(
    creates.map((u) => ({
      unit: u,
      event: { action: 'created', effective: options.effective, at, by: actor, detail: { name: u.name, parentId: u.parentId, source: 'import' } },
    })),
  );
  for (const { unit, next } of updates) {
    await updateUnit({
      unitId: unit.id,
      name: next.name,
      kind: next.kind,
      ...(next.level !== unit.level ? { level: next.level } : {}),
      effective: options.effective,
      actor,
    });
  }
  for (const m of moves) await moveUnit({ unitId: m.unit.id, parentId: m.parentId, effective: options.effective, actor, reason: 'import' });
  await Audit.record({
    actor,
    action: 'org.import',
    detail: { created: plan.created, updated: plan.updated, moved: plan.moved, effective: options.effective },
  });
  return plan;
}

export const treeColumns = ['code', 'name', 'kind', 'level', 'parent_code'] as const;

/** The live tree as import rows (parents before children), so an export can be edited and imported back. */
export async function* exportUnits(rootId: string): AsyncGenerator<Record<(typeof treeColumns)[number], string>> {
  const codes = new Map<string, string>();
  for await (const unit of Org.subtree(rootId)) {
    codes.set(unit.id, unit.code);
    yield {
      code: unit.code,
      name: unit.name,
      kind: unit.kind,
      level: unit.level,
      parent_code: unit.parentId ? (codes.get(unit.parentId) ?? (await Org.get(unit.parentId)).code) : '',
    };
  }
}
