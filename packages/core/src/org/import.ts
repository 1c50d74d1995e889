import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { putMany } from '../db/batch.ts';
import { keys } from '../db/keys.ts';
import { ImportError, requireCells, type ImportRow, type RowProblem } from '../import-rows.ts';
import { Org } from './index.ts';
import { Audit } from '../audit/index.ts';

const kinds = new Set<string>(Org.Kind.options);
export const unitIdFor = (code: string) => code.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/**
 * Creates or renames units from rows `code, name, kind, parent_code`. Every row is checked
 * before anything is written: one bad row and nothing is imported, with every problem listed.
 * Parents may come earlier or later in the file, or already exist.
 */
export async function importUnits(rows: ImportRow[], actor = 'cli'): Promise<{ created: number; updated: number }> {
  const problems: RowProblem[] = [];
  requireCells(rows, ['code', 'name', 'kind'], problems);
  const byCode = new Map<string, ImportRow>();
  for (const r of rows) {
    const code = r.cells.code?.trim() ?? '';
    if (code && byCode.has(code)) problems.push({ row: r.row, column: 'code', message: `mã "${code}" trùng với dòng ${byCode.get(code)!.row}` });
    if (code) byCode.set(code, r);
    if (r.cells.kind && !kinds.has(r.cells.kind.trim())) problems.push({ row: r.row, column: 'kind', message: `loại "${r.cells.kind}" không hợp lệ (${[...kinds].join(', ')})` });
  }
  const existing = new Map<string, Org.Info>();
  const lookup = async (code: string) => {
    const id = unitIdFor(code);
    if (!existing.has(id)) {
      const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.unit(id) }));
      if (out.Item) existing.set(id, Org.fromItem(out.Item));
    }
    return existing.get(id);
  };
  for (const r of rows) {
    const parent = r.cells.parent_code?.trim();
    if (parent && !byCode.has(parent) && !(await lookup(parent))) problems.push({ row: r.row, column: 'parent_code', message: `không có đơn vị cấp trên mã "${parent}"` });
    const current = r.cells.code ? await lookup(r.cells.code) : undefined;
    if (current && (current.parentId ?? '') !== (parent ? unitIdFor(parent) : '')) {
      problems.push({ row: r.row, column: 'parent_code', message: 'chuyển đơn vị sang cấp trên khác chưa hỗ trợ qua nhập tệp' });
    }
  }
  if (problems.length > 0) throw new ImportError(problems);

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
    const unit: Org.Info = { id, code, name: r.cells.name!.trim(), kind: r.cells.kind!.trim() as Org.Kind, parentId: parent?.id ?? null, ancestors: parent ? [...parent.ancestors, parent.id] : [] };
    resolved.set(id, unit);
    return unit;
  };
  for (const r of rows) {
    if (!resolve(r.cells.code!.trim(), new Set())) problems.push({ row: r.row, column: 'parent_code', message: 'vòng lặp cấp trên – cấp dưới' });
  }
  if (problems.length > 0) throw new ImportError(problems);
  const units = [...resolved.values()];
  await putMany(units.map(Org.toItem));
  const updated = units.filter((u) => existing.has(u.id)).length;
  await Audit.record({ actor, action: 'org.import', detail: { created: units.length - updated, updated } });
  return { created: units.length - updated, updated };
}
