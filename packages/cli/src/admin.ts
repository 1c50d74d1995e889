import { randomBytes } from 'node:crypto';
import { Account, Person, VisibleError, importPeople, importUnits, personIdFor, Readiness, type ImportError } from '@sansang/core';
import { readCsvRows } from './csv-file.ts';

export async function importUnitsFile(path: string) {
  const result = await importUnits(await readCsvRows(path));
  return `Đã nhập cây tổ chức: ${result.created} đơn vị mới, ${result.updated} đơn vị cập nhật.`;
}

/** Imports the roster, then recomputes headcount counters from the source records. */
export async function importRosterFile(path: string) {
  const { imported } = await importPeople(await readCsvRows(path));
  const { mismatches } = await Readiness.rebuild({ write: true });
  return `Đã nhập ${imported} cán bộ; đã cập nhật ${mismatches.length} bộ đếm.`;
}

/** The first admin of a new stage: an existing person (from the roster) gets an admin account. */
export async function createAdmin(options: { email: string; employeeCode: string; unitId?: string }) {
  const person = await Person.get(personIdFor(options.employeeCode));
  const password = randomBytes(12).toString('base64url');
  await Account.create({ email: options.email, personId: person.id, grants: [{ role: 'admin', unitId: options.unitId ?? null }], password });
  return `Đã tạo quản trị ${options.email} cho ${person.fullName}. Mật khẩu tạm (chỉ hiện một lần): ${password}`;
}

export function describeFailure(err: unknown): string | null {
  if (err instanceof VisibleError) return `${err.message}${(err as ImportError).problems ? '\nKhông có dòng nào được nhập.' : ''}`;
  return null;
}
