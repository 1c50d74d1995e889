import type { Person } from '../person/index.ts';
import type { PersonTargetRow, Projection, TargetFigures } from './model.ts';

/**
 * The Vietnamese words and number/date forms every report file shares, so the XLSX, the
 * PDFs and the screens say the same thing the same way.
 */

/** Names typed on a Mac or pasted from the web arrive decomposed; Excel and search expect NFC. */
/** Where a target comes from, for a report: the unit that set it, or the whole installation. */
export const originText = (t: { target: { owner: { name: string } | null } }): string => t.target.owner?.name ?? 'Toàn hệ thống';

export const nfc = (text: string): string => text.normalize('NFC');

const dayFormat = new Intl.DateTimeFormat('vi-VN', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'Asia/Ho_Chi_Minh' });

/** dd/mm/yyyy as the day is in Vietnam: a completion at 20:00 UTC belongs to the next day there. */
export const vnDate = (iso: string): string => dayFormat.format(new Date(iso));

/**
 * The Vietnam calendar day as a Date at UTC midnight: Excel dates carry no zone and exceljs
 * writes the UTC value, so this is what makes the cell show the day HR saw on screen.
 */
export function vnDay(iso: string): Date {
  const [day, month, year] = vnDate(iso).split('/').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day));
}

const numberFormat = new Intl.NumberFormat('vi-VN');
const percentFormat = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** 1.234 — the Vietnamese thousands separator. */
export const count = (n: number): string => numberFormat.format(n);
/** 45,3% — one decimal, as the readiness figures are computed. */
export const percentText = (n: number): string => `${percentFormat.format(n)}%`;
/** A percentage rounded to the one decimal shown, for a numeric spreadsheet cell. */
export const oneDecimal = (n: number): number => Math.round(n * 10) / 10;

export const categoryLabel: Record<Person.Category, string> = { 'can-bo': 'Cán bộ', 'cong-chuc': 'Công chức', 'vien-chuc': 'Viên chức' };

const kindLabels: Record<string, string> = {
  province: 'tỉnh',
  agency: 'sở, ban, ngành',
  department: 'phòng',
  'service-unit': 'đơn vị sự nghiệp',
  commune: 'xã',
  ward: 'phường',
  district: 'huyện',
  ministry: 'bộ, ngành',
  other: 'đơn vị khác',
};
/** Lower case, for use inside a sentence ("14/20 xã đạt chỉ tiêu"); an unknown kind reads as "đơn vị khác". */
export const kindLabel = (kind: string): string => kindLabels[kind] ?? kindLabels.other!;

export const meetsLabel = (meets: boolean): string => (meets ? 'Đạt' : 'Chưa đạt');

/** What a target is at a unit nobody there is in the scope of: not "Chưa đạt". */
export const notApplicableLabel = 'Không áp dụng';
/** "Đạt", "Chưa đạt", or "Không áp dụng" where nobody is in the target's scope. */
export const statusLabel = (f: { applicable: boolean; meetsTarget: boolean }): string => (f.applicable ? meetsLabel(f.meetsTarget) : notApplicableLabel);

/** People a week as a whole number: "13", never "12,5" people. */
export const paceText = (weeklyPace: number): string => count(Math.round(weeklyPace));

/** "14/20 sở, ban, ngành đạt chỉ tiêu; 3/5 xã đạt chỉ tiêu" — empty when no child is in the target's scope. */
export const childrenMeetingText = (groups: TargetFigures['childrenMeeting']): string =>
  groups.map((g) => `${g.meets}/${g.total} ${kindLabel(g.kind)} đạt chỉ tiêu`).join('; ');

export function projectionText(p: Projection): string {
  if (p.onTrack === null) return 'Chưa đủ dữ liệu';
  if (!p.onTrack) return 'Không kịp hạn';
  return p.projectedDate ? `Kịp hạn (dự kiến ${vnDate(p.projectedDate)})` : 'Kịp hạn';
}

/** "31/12/2026 (còn 45 ngày)", or how long ago it passed. */
export function deadlineText(deadline: string, daysLeft: number): string {
  const left = daysLeft > 0 ? `còn ${count(daysLeft)} ngày` : daysLeft === 0 ? 'hết hạn hôm nay' : `đã quá hạn ${count(-daysLeft)} ngày`;
  return `${vnDate(deadline)} (${left})`;
}

/** "Có giá trị 12 tháng" / "Có giá trị đến hết năm": how long a target's completions count. */
export const validityText = (v: NonNullable<TargetFigures['target']['validity']>): string =>
  'months' in v ? `Hoàn thành có giá trị ${count(v.months)} tháng` : 'Hoàn thành có giá trị đến hết năm';

/** Whether a row's person still has to train: not done, or done but lapsed; the exempt owe nothing now. */
export const stillOwes = (r: Pick<PersonTargetRow, 'trainedAt' | 'exemptUntil' | 'lapse'>): boolean => (!r.trainedAt || r.lapse === 'lapsed') && !r.exemptUntil;

/** A person's line in a target's sheet: exempt (until when), done (valid until when), lapsed, or not yet. */
export function personStatus(r: Pick<PersonTargetRow, 'trainedAt' | 'exemptUntil' | 'validUntil' | 'lapse'>): string {
  if (r.exemptUntil) return `Được miễn đến ${vnDate(r.exemptUntil)}`;
  if (!r.trainedAt) return 'Chưa hoàn thành';
  if (r.lapse === 'lapsed') return `Hết hiệu lực sau ngày ${vnDate(r.validUntil!)} — phải học lại`;
  if (r.lapse === 'soon') return `Đã hoàn thành — sắp hết hiệu lực (đến ${vnDate(r.validUntil!)})`;
  return r.validUntil ? `Đã hoàn thành (hiệu lực đến ${vnDate(r.validUntil)})` : 'Đã hoàn thành';
}

/** A course completed by credit for prior learning (an equivalent certificate HR approved), as every report marks it. */
export const creditedLabel = 'Công nhận tương đương';
