import { ImportError, readDay, renameColumns, requireCells, requireColumns, type ImportRow, type RowProblem } from '../import-rows.ts';
import { Org } from '../org/index.ts';
import { unitIdFor } from '../org/reorganise.ts';
import { changePeople } from '../readiness/person-change.ts';
import { Person } from './index.ts';
import { getPeople, loginOwners } from './store.ts';
import { Audit } from '../audit/index.ts';
import { Exemption } from '../exemption/index.ts';
import { vnDay } from '../vn-day.ts';

const categoryOf: Record<string, Person.Category> = {
  'can-bo': 'can-bo',
  'cán bộ': 'can-bo',
  'cong-chuc': 'cong-chuc',
  'công chức': 'cong-chuc',
  'vien-chuc': 'vien-chuc',
  'viên chức': 'vien-chuc',
};
const statusOf: Record<string, Person.Info['status']> = {
  '': 'active',
  active: 'active',
  'đang công tác': 'active',
  'đang làm việc': 'active',
  left: 'left',
  'nghỉ việc': 'left',
  'đã nghỉ': 'left',
  'nghỉ hưu': 'left',
  'chuyển công tác': 'left',
};
export const personIdFor = (employeeCode: string) =>
  `nv-${employeeCode
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')}`;

/** `exempt`: the row puts the person on leave HR exempts (an exemption from every target). */
export type RosterAction = 'create' | 'update' | 'move' | 'leave' | 'return' | 'exempt' | 'unchanged';
export type RosterChange = { row: number; employeeCode: string; fullName: string; action: RosterAction; detail: string };
export type RosterPlan = {
  rows: number;
  counts: Record<RosterAction, number>;
  problems: RowProblem[];
  /** Rows with a problem: skipped when the officer accepts the valid rows. */
  invalidRows: number;
  /** Every row that changes something, in file order (unchanged rows are only counted). */
  changes: RosterChange[];
  applied: boolean;
};

const fieldLabels: Partial<Record<keyof Person.Info, string>> = {
  fullName: 'họ tên',
  email: 'email',
  category: 'phân loại',
  position: 'chức vụ',
  startDate: 'ngày bắt đầu công tác',
};

function describe(current: Person.Info | null, next: Person.Info, units: Map<string, Org.Info>): { action: RosterAction; detail: string } {
  if (!current) return { action: 'create', detail: units.get(next.unitId)?.name ?? next.unitId };
  if (current.status !== next.status)
    return next.status === 'left' ? { action: 'leave', detail: 'nghỉ việc' } : { action: 'return', detail: 'đang công tác trở lại' };
  if (current.unitId !== next.unitId)
    return { action: 'move', detail: `${units.get(current.unitId)?.name ?? current.unitId} → ${units.get(next.unitId)?.name ?? next.unitId}` };
  const changed = (Object.keys(fieldLabels) as (keyof Person.Info)[]).filter((k) => current[k] !== next[k]);
  if (changed.length === 0) return { action: 'unchanged', detail: '' };
  return { action: 'update', detail: changed.map((k) => `${fieldLabels[k]}: ${current[k] ?? '—'} → ${next[k] ?? '—'}`).join('; ') };
}

type Parsed = {
  row: number;
  person: Omit<Person.Info, 'email'> & { email: string | null | undefined };
  /** Leave the row records: an exemption from every target, from the effective date to `until`. */
  leave?: { reason: Exemption.Reason; until: string };
};

/** The leave reasons a roster may carry, by their Vietnamese label or code ("khác" needs a note: the Miễn trừ page). */
const leaveReasonOf: Record<string, Exemption.Reason> = Object.fromEntries(
  Exemption.reasons
    .filter((r) => r !== 'khac')
    .flatMap((r) => [
      [r, r],
      [Exemption.reasonLabels[r].toLowerCase(), r],
      [Exemption.reasonLabels[r].toLowerCase().replace(/^nghỉ /, ''), r],
    ]),
);

/**
 * Reads roster rows `employee_code, full_name, email, unit_code, category, position, status,
 * start_date` as HR systems export them. Every row is checked and every problem reported as
 * `dòng N, cột X: …`; with `dryRun` nothing is written and the plan says what would change.
 * Otherwise, if any row is wrong nothing is written — unless `acceptValid`, when the valid
 * rows are imported and the wrong ones skipped. People are upserted by employee code; a
 * change of unit is a move that keeps their history; the counters follow in the same
 * transactions. An empty email or start date cell keeps the one already known; a start date
 * (dd/mm/yyyy, yyyy-mm-dd or an Excel date) gives a late joiner their own due dates.
 */
const aliases: Record<string, string> = {
  'mã cán bộ': 'employee_code',
  'mã nhân viên': 'employee_code',
  'mã số': 'employee_code',
  'mã định danh': 'employee_code',
  'họ và tên': 'full_name',
  'họ tên': 'full_name',
  'thư điện tử': 'email',
  'e-mail': 'email',
  'mã đơn vị': 'unit_code',
  'mã đơn vị công tác': 'unit_code',
  unit: 'unit_code',
  'phân loại': 'category',
  'chức vụ': 'position',
  'chức danh': 'position',
  'trạng thái': 'status',
  'ngày bắt đầu công tác': 'start_date',
  'ngày bắt đầu làm việc': 'start_date',
  'ngày bắt đầu': 'start_date',
  'ngày vào làm': 'start_date',
  'ngày tuyển dụng': 'start_date',
  'lý do miễn': 'leave_reason',
  'lý do nghỉ': 'leave_reason',
  'tình trạng nghỉ': 'leave_reason',
  'nghỉ đến ngày': 'leave_until',
  'miễn đến ngày': 'leave_until',
};

export async function importRoster(
  file: ImportRow[],
  options: {
    actor?: string;
    dryRun?: boolean;
    acceptValid?: boolean;
    effective?: string;
    within?: Org.Info;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<RosterPlan> {
  const actor = options.actor ?? 'cli';
  const rows = renameColumns(file, aliases);
  requireColumns(rows, ['employee_code', 'full_name', 'unit_code', 'category']);
  const problems: RowProblem[] = [];
  requireCells(rows, ['employee_code', 'full_name', 'unit_code', 'category'], problems);
  const units = await Org.getMap(rows.map((r) => unitIdFor(r.cells.unit_code ?? '')).filter(Boolean));
  // Keyed by the person a code names: "MS.001024" and "ms 001024" are one person.
  const seen = new Map<string, { row: number; code: string }>();
  const seenEmails = new Map<string, number>();
  let parsed: Parsed[] = [];
  for (const { row, cells } of rows) {
    const before = problems.length;
    const code = cells.employee_code?.trim() ?? '';
    const first = code ? seen.get(personIdFor(code)) : undefined;
    if (first)
      problems.push({
        row,
        column: 'employee_code',
        message: first.code === code ? `mã "${code}" trùng với dòng ${first.row}` : `mã "${code}" trùng với mã "${first.code}" ở dòng ${first.row}`,
      });
    if (code && !/[a-z0-9]/i.test(code)) problems.push({ row, column: 'employee_code', message: `mã "${code}" cần có chữ hoặc số` });
    if (code.length > 64) problems.push({ row, column: 'employee_code', message: 'mã tối đa 64 ký tự' });
    if (code && !first) seen.set(personIdFor(code), { row, code });
    const fullName = (cells.full_name ?? '').trim().normalize('NFC');
    if (fullName.length > 200) problems.push({ row, column: 'full_name', message: 'họ tên tối đa 200 ký tự' });
    const category = categoryOf[(cells.category ?? '').trim().normalize('NFC').toLowerCase()];
    if (cells.category?.trim() && !category)
      problems.push({ row, column: 'category', message: `"${cells.category}" không phải Cán bộ, Công chức hay Viên chức` });
    const status = statusOf[(cells.status ?? '').trim().normalize('NFC').toLowerCase()];
    if (!status) problems.push({ row, column: 'status', message: `"${cells.status}" không hợp lệ (đang công tác / nghỉ việc)` });
    const email = cells.email?.trim() || undefined;
    if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) problems.push({ row, column: 'email', message: `"${email}" không phải địa chỉ email` });
    else if (email && seenEmails.has(email.toLowerCase()))
      problems.push({ row, column: 'email', message: `email "${email}" trùng với dòng ${seenEmails.get(email.toLowerCase())}` });
    else if (email) seenEmails.set(email.toLowerCase(), row);
    const unitCode = cells.unit_code?.trim() ?? '';
    const unit = unitCode ? units.get(unitIdFor(unitCode)) : undefined;
    if (unitCode && !unit) problems.push({ row, column: 'unit_code', message: `không có đơn vị mã "${unitCode}"` });
    else if (unit && unit.status !== 'active')
      problems.push({
        row,
        column: 'unit_code',
        message: `đơn vị "${unitCode}" đã ${unit.status === 'merged' ? 'hợp nhất' : 'giải thể'}${unit.mergedInto ? ` vào "${unit.mergedInto}"` : ''}`,
      });
    else if (unit && options.within && !Org.isWithin(unit, options.within.id))
      problems.push({ row, column: 'unit_code', message: `đơn vị "${unitCode}" ngoài phạm vi quản lý của bạn (${options.within.name})` });
    const position = (cells.position ?? '').trim().normalize('NFC');
    const startCell = (cells.start_date ?? '').trim();
    const startDate = startCell ? readDay(startCell) : null;
    if (startCell && !startDate)
      problems.push({ row, column: 'start_date', message: `"${startCell}" không phải ngày hợp lệ (ghi dạng 25/03/2026 hoặc 2026-03-25)` });
    const leave = readLeave(row, cells, options.effective ?? vnDay(), status, problems);
    if (problems.length === before && unit && category && status) {
      parsed.push({
        row,
        person: {
          id: personIdFor(code),
          employeeCode: code,
          fullName,
          email,
          unitId: unit.id,
          category,
          position,
          status,
          ...(startDate ? { startDate } : {}),
        },
        ...(leave ? { leave } : {}),
      });
    }
  }
  // A person's email can become their sign-in (identity provider, password links): an address
  // that already signs in to another person's account must not be handed to this one.
  const ownerOf = await loginOwners(parsed.flatMap((p) => (p.person.email ? [p.person.email] : [])));
  parsed = parsed.filter((p) => {
    const owner = p.person.email ? ownerOf(p.person.email) : undefined;
    if (owner === undefined || owner === p.person.id) return true;
    problems.push({ row: p.row, column: 'email', message: `email "${p.person.email}" đã là tài khoản đăng nhập của người khác` });
    return false;
  });
  const stored = new Map((await getPeople(parsed.map((p) => p.person.id))).map((person) => [person.id, person]));
  const next = (p: Parsed, current: Person.Info | null): Person.Info => {
    const startDate = p.person.startDate ?? current?.startDate;
    // Leave is kept from the exemption records, and lapses from the trained marks, not the roster: a re-import keeps them.
    const leave = {
      ...(current?.exempt ? { exempt: current.exempt } : {}),
      ...(current?.resumed ? { resumed: current.resumed } : {}),
      ...(current?.lapse ? { lapse: current.lapse } : {}),
    };
    return { ...p.person, email: p.person.email ?? current?.email ?? null, ...(startDate ? { startDate } : {}), ...leave };
  };
  const counts: Record<RosterAction, number> = { create: 0, update: 0, move: 0, leave: 0, return: 0, exempt: 0, unchanged: 0 };
  const changes: RosterChange[] = [];
  // The units people are moving out of, in one read: they need not be named in the file.
  const leaving = [...stored.values()].map((p) => p.unitId).filter((id) => !units.has(id));
  for (const [id, u] of await Org.getMap(leaving)) units.set(id, u);
  const outside = new Set<number>();
  for (const p of parsed) {
    const current = stored.get(p.person.id) ?? null;
    const from = current ? units.get(current.unitId) : undefined;
    if (from && options.within && !Org.isWithin(from, options.within.id)) {
      // Someone on another agency's roster is theirs to release, not ours to take; where they
      // work is not ours to learn either, so the unit goes unnamed.
      problems.push({ row: p.row, column: 'employee_code', message: `mã "${p.person.employeeCode}" là người ngoài phạm vi quản lý của bạn` });
      outside.add(p.row);
      continue;
    }
    const { action, detail } = describe(current, next(p, current), units);
    counts[action]++;
    if (action !== 'unchanged') changes.push({ row: p.row, employeeCode: p.person.employeeCode, fullName: p.person.fullName, action, detail });
    const leave = p.leave && (await leaveChange(p, current, options.effective ?? vnDay(), problems));
    if (leave) {
      counts.exempt++;
      changes.push({ row: p.row, employeeCode: p.person.employeeCode, fullName: p.person.fullName, action: 'exempt', detail: leave });
    }
  }
  const invalidRows = new Set(problems.map((p) => p.row)).size;
  const plan: RosterPlan = { rows: rows.length, counts, problems: problems.sort((a, b) => a.row - b.row), invalidRows, changes, applied: false };
  if (options.dryRun) return plan;
  if (problems.length > 0 && !options.acceptValid) throw new ImportError(problems);

  const changing = new Set(changes.filter((c) => c.action !== 'exempt').map((c) => c.row));
  const exempting = new Set(changes.filter((c) => c.action === 'exempt').map((c) => c.row));
  const invalid = new Set(problems.map((p) => p.row));
  const todo = parsed.filter((p) => changing.has(p.row) && !outside.has(p.row) && !invalid.has(p.row));
  await changePeople(
    todo.map((p) => ({ personId: p.person.id, next: (current) => next(p, current), reason: 'roster' })),
    {
      actor,
      effective: options.effective,
      onProgress: (done) => options.onProgress?.(done, todo.length),
    },
  );
  // Leave after the people exist: through the exemption path, approved by whoever imports.
  for (const p of parsed.filter((p) => exempting.has(p.row) && !invalid.has(p.row))) {
    const input = { employeeCode: p.person.employeeCode, targetId: null, reason: p.leave!.reason, from: options.effective ?? vnDay(), until: p.leave!.until };
    await Exemption.create({ actor: { email: actor }, within: null, input });
  }
  await Audit.record({ actor, action: 'roster.import', detail: { ...counts, skippedRows: invalidRows } });
  return { ...plan, applied: true };
}

const dmy = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** A row's leave columns, checked: both or neither, a reason from the list, an end after the effective date, someone in post. */
function readLeave(
  row: number,
  cells: Record<string, string | undefined>,
  from: string,
  status: Person.Info['status'] | undefined,
  problems: RowProblem[],
): Parsed['leave'] | undefined {
  const reasonCell = (cells.leave_reason ?? '').trim().normalize('NFC');
  const untilCell = (cells.leave_until ?? '').trim();
  if (!reasonCell && !untilCell) return undefined;
  const reason = leaveReasonOf[reasonCell.toLowerCase()];
  const until = untilCell ? readDay(untilCell) : null;
  const before = problems.length;
  if (!reasonCell) problems.push({ row, column: 'leave_reason', message: 'có ngày nghỉ đến nhưng thiếu lý do miễn' });
  else if (!reason)
    problems.push({
      row,
      column: 'leave_reason',
      message: `"${reasonCell}" không phải lý do miễn (thai sản, ốm đau dài ngày, biệt phái, đi học, sắp nghỉ hưu)`,
    });
  if (!untilCell) problems.push({ row, column: 'leave_until', message: 'có lý do miễn nhưng thiếu ngày nghỉ đến' });
  else if (!until) problems.push({ row, column: 'leave_until', message: `"${untilCell}" không phải ngày hợp lệ (ghi dạng 30/04/2027 hoặc 2027-04-30)` });
  else if (until < from) problems.push({ row, column: 'leave_until', message: `ngày nghỉ đến ${dmy(until)} trước ngày hiệu lực ${dmy(from)}` });
  if (status === 'left') problems.push({ row, column: 'leave_reason', message: 'người đã nghỉ việc không cần ghi miễn' });
  return problems.length === before ? { reason: reason!, until: until! } : undefined;
}

/**
 * What a row's leave changes: nothing when the person already has that exemption (the same
 * file imported again), a description of the new one, or a problem when it overlaps another.
 */
async function leaveChange(p: Parsed, current: Person.Info | null, from: string, problems: RowProblem[]): Promise<string | null> {
  const leave = p.leave!;
  const draft = { targetId: null, from, until: leave.until, endedOn: null };
  const mine = current ? await Exemption.ofPerson(current.id) : [];
  if (mine.some((e) => e.targetId === null && e.reason === leave.reason && e.until === leave.until && Exemption.stateOn(e, from) !== 'ended')) return null;
  const clash = mine.find((e) => Exemption.overlaps(e, draft));
  if (clash) {
    problems.push({
      row: p.row,
      column: 'leave_reason',
      message: `đã được miễn (${Exemption.reasonLabels[clash.reason].toLowerCase()}) từ ${dmy(clash.from)} đến ${dmy(Exemption.lastDay(clash))}: thời gian trùng nhau`,
    });
    return null;
  }
  return `miễn mọi chỉ tiêu (${Exemption.reasonLabels[leave.reason].toLowerCase()}) từ ${dmy(from)} đến ${dmy(leave.until)}`;
}
