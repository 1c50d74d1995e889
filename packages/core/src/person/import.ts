import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName } from '../db/client.ts';
import { putMany } from '../db/batch.ts';
import { keys } from '../db/keys.ts';
import { ImportError, requireCells, type ImportRow, type RowProblem } from '../import-rows.ts';
import { unitIdFor } from '../org/import.ts';
import { Person } from './index.ts';
import { Audit } from '../audit/index.ts';

const categoryOf: Record<string, Person.Category> = {
  'can-bo': 'can-bo', 'cán bộ': 'can-bo', 'cong-chuc': 'cong-chuc', 'công chức': 'cong-chuc', 'vien-chuc': 'vien-chuc', 'viên chức': 'vien-chuc',
};
const statusOf: Record<string, Person.Info['status']> = { '': 'active', active: 'active', 'đang công tác': 'active', left: 'left', 'nghỉ việc': 'left', 'đã nghỉ': 'left' };
export const personIdFor = (employeeCode: string) => `nv-${employeeCode.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

/**
 * Upserts staff by employee code from rows `employee_code, full_name, email, unit_code,
 * category, position, status`, all rows checked first. Headcounts change, so the caller
 * recomputes counters (`Readiness.rebuild`) after a successful import.
 */
export async function importPeople(rows: ImportRow[], actor = 'cli'): Promise<{ imported: number }> {
  const problems: RowProblem[] = [];
  requireCells(rows, ['employee_code', 'full_name', 'unit_code', 'category'], problems);
  const seen = new Map<string, number>();
  const units = new Map<string, boolean>();
  const people: Person.Info[] = [];
  for (const { row, cells } of rows) {
    const code = cells.employee_code?.trim() ?? '';
    if (code && seen.has(code)) problems.push({ row, column: 'employee_code', message: `mã "${code}" trùng với dòng ${seen.get(code)}` });
    seen.set(code, row);
    const category = categoryOf[(cells.category ?? '').trim().normalize('NFC').toLowerCase()];
    if (cells.category && !category) problems.push({ row, column: 'category', message: `"${cells.category}" không phải Cán bộ, Công chức hay Viên chức` });
    const status = statusOf[(cells.status ?? '').trim().normalize('NFC').toLowerCase()];
    if (!status) problems.push({ row, column: 'status', message: `"${cells.status}" không hợp lệ (đang công tác / nghỉ việc)` });
    const email = cells.email?.trim() || null;
    if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) problems.push({ row, column: 'email', message: `"${email}" không phải địa chỉ email` });
    const unitCode = cells.unit_code?.trim() ?? '';
    if (unitCode && !units.has(unitCode)) {
      const out = await db().send(new GetCommand({ TableName: tableName(), Key: keys.unit(unitIdFor(unitCode)) }));
      units.set(unitCode, Boolean(out.Item));
    }
    if (unitCode && !units.get(unitCode)) problems.push({ row, column: 'unit_code', message: `không có đơn vị mã "${unitCode}"` });
    if (code && category && status && cells.full_name?.trim()) {
      people.push({ id: personIdFor(code), employeeCode: code, fullName: cells.full_name.trim().normalize('NFC'), email, unitId: unitIdFor(unitCode), category, position: cells.position?.trim() ?? '', status });
    }
  }
  if (problems.length > 0) throw new ImportError(problems);
  await putMany(people.map(Person.toItem));
  await Audit.record({ actor, action: 'roster.import', detail: { imported: people.length } });
  return { imported: people.length };
}
