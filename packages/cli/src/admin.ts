import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import {
  Account,
  Person,
  VisibleError,
  describeProblem,
  importRoster,
  importUnits,
  personIdFor,
  readImportFile,
  vnDay,
  type ImportError,
  type RosterPlan,
  type TreePlan,
} from '@sansang/core';
import type { Progress } from './progress.ts';

const SHOWN = 50;

export function describeTreePlan(plan: TreePlan, dryRun: boolean): string {
  const lines = plan.changes
    .filter((c) => c.action !== 'unchanged')
    .slice(0, SHOWN)
    .map((c) => `  dòng ${c.row}: ${c.code} — ${c.action}${c.detail ? ` (${c.detail})` : ''}`);
  return [
    `${dryRun ? 'Chạy thử (chưa ghi gì)' : 'Đã nhập cây tổ chức'}: ${plan.created} đơn vị mới, ${plan.updated} đơn vị cập nhật, ${plan.moved} đơn vị chuyển cấp trên, ${plan.unchanged} không đổi.`,
    ...lines,
  ].join('\n');
}

export async function importUnitsFile(path: string, options: { dryRun?: boolean; effective?: string } = {}) {
  const plan = await importUnits(await readImportFile(await readFile(path)), { effective: options.effective ?? vnDay(), dryRun: options.dryRun });
  return describeTreePlan(plan, Boolean(options.dryRun));
}

const actionLabels: Record<keyof RosterPlan['counts'], string> = {
  create: 'thêm mới',
  update: 'cập nhật',
  move: 'chuyển đơn vị',
  leave: 'nghỉ việc',
  return: 'trở lại',
  exempt: 'miễn (nghỉ dài hạn)',
  unchanged: 'không đổi',
};

export function describeRosterPlan(plan: RosterPlan): string {
  const counts = (Object.keys(actionLabels) as (keyof RosterPlan['counts'])[]).map((k) => `${plan.counts[k]} ${actionLabels[k]}`).join(', ');
  const head = plan.applied
    ? `Đã nhập danh sách: ${counts}${plan.invalidRows ? `; bỏ qua ${plan.invalidRows} dòng lỗi` : ''}.`
    : `Chạy thử (chưa ghi gì), ${plan.rows} dòng: ${counts}; ${plan.invalidRows} dòng lỗi.`;
  return [
    head,
    ...plan.changes
      .slice(0, SHOWN)
      .map((c) => `  dòng ${c.row}: ${c.employeeCode} ${c.fullName} — ${actionLabels[c.action]}${c.detail ? ` (${c.detail})` : ''}`),
    ...(plan.changes.length > SHOWN ? [`  … và ${plan.changes.length - SHOWN} thay đổi khác`] : []),
    ...plan.problems.map((p) => `  ${describeProblem(p)}`),
  ].join('\n');
}

/** Imports the roster; the counters follow each change in the same transactions. */
export async function importRosterFile(path: string, options: { dryRun?: boolean; acceptValid?: boolean; effective?: string; progress?: Progress } = {}) {
  const rows = await readImportFile(await readFile(path));
  let bar: ReturnType<Progress> | undefined;
  const plan = await importRoster(rows, {
    dryRun: options.dryRun,
    acceptValid: options.acceptValid,
    effective: options.effective,
    onProgress: (done, total) => {
      bar ??= options.progress?.('Nhập danh sách cán bộ', total);
      bar?.update(done);
    },
  });
  bar?.stop();
  return describeRosterPlan(plan);
}

/** The first admin of a new stage: an existing person (from the roster) gets an admin account. */
export async function createAdmin(options: { email: string; employeeCode: string; unitId?: string }) {
  const person = await Person.get(personIdFor(options.employeeCode));
  const password = randomBytes(12).toString('base64url');
  await Account.create({ email: options.email, personId: person.id, grants: [{ role: 'admin', unitId: options.unitId ?? null }], password });
  return `Đã tạo quản trị ${options.email} cho ${person.fullName}. Mật khẩu tạm (chỉ hiện một lần): ${password}`;
}

/**
 * Lists among the digests' recipients every HR account written before accounts listed their
 * officers, and under its person every account written before the login index (an upgrade's
 * backfill, part of `rebuild`): reads every account, so run by an operator.
 */
export async function relistOfficers(options: { write: boolean }): Promise<{ text: string; wrong: number }> {
  const { accounts, wrong } = await Account.relistOfficers(options);
  const shown = wrong.slice(0, SHOWN).map((email) => `  ${email}`);
  return {
    text: [
      `Danh sách tài khoản (nhận báo cáo tuần, đăng nhập theo cán bộ): đã kiểm tra ${accounts} tài khoản, ${wrong.length} tài khoản chưa có đúng trong danh sách${options.write && wrong.length ? ' (đã sửa)' : ''}.`,
      ...shown,
    ].join('\n'),
    wrong: wrong.length,
  };
}

export function describeFailure(err: unknown): string | null {
  if (err instanceof VisibleError) {
    return `${err.message}${(err as ImportError).problems ? '\nKhông có dòng nào được nhập. Sửa các dòng trên, hoặc dùng --accept-valid để chỉ nhập các dòng hợp lệ.' : ''}`;
  }
  return null;
}
