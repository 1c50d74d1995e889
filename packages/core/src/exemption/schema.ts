import * as v from 'valibot';
import { RecordHead } from '../person/schema.ts';
import { addDays } from '../requirement/schema.ts';

/** Why someone does not owe training for a while: the fixed list HR picks from ("khac" needs a note). */
export const reasons = ['thai-san', 'om-dai-ngay', 'biet-phai', 'di-hoc', 'sap-nghi-huu', 'khac'] as const;
export const Reason = v.picklist(reasons, `lý do phải là một trong: ${reasons.join(', ')}`);
export type Reason = v.InferOutput<typeof Reason>;

export const reasonLabels: Record<Reason, string> = {
  'thai-san': 'Nghỉ thai sản',
  'om-dai-ngay': 'Ốm đau dài ngày',
  'biet-phai': 'Biệt phái',
  'di-hoc': 'Đi học',
  'sap-nghi-huu': 'Sắp nghỉ hưu',
  khac: 'Lý do khác',
};

const Day = v.pipe(v.string('phải là ngày dạng 2026-12-31'), v.isoDate('phải là ngày dạng 2026-12-31'));

/** The evidence file as it is kept: in the object store, its type read from its bytes. */
export const Evidence = v.object({ key: v.string(), fileName: v.string(), contentType: v.string(), size: v.number() });
export type Evidence = v.InferOutput<typeof Evidence>;

/** What HR sends to record an exemption (the API contract of POST /api/exemptions). */
export const Input = v.pipe(
  v.object({
    employeeCode: v.pipe(v.string('phải là chuỗi'), v.trim(), v.minLength(1, 'không được để trống'), v.maxLength(64, 'tối đa 64 ký tự')),
    /** null: every target. */
    targetId: v.nullable(v.pipe(v.string(), v.maxLength(64))),
    reason: Reason,
    note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(500, 'ghi chú tối đa 500 ký tự'))),
    from: Day,
    until: Day,
    /** A PDF or image, base64-encoded, at most 5 MB once decoded. */
    evidence: v.optional(
      v.object({
        fileName: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200, 'tên tệp tối đa 200 ký tự')),
        data: v.pipe(v.string(), v.maxLength(7_200_000, 'tệp minh chứng tối đa 5 MB')),
      }),
    ),
  }),
  v.check((i) => i.until >= i.from, 'ngày kết thúc (until) phải từ ngày bắt đầu (from) trở đi'),
  v.check((i) => i.reason !== 'khac' || Boolean(i.note), 'lý do "khác" cần ghi chú (note)'),
);
export type Input = v.InferOutput<typeof Input>;

export const Info = v.object({
  ...RecordHead.entries,
  targetId: v.nullable(v.string()),
  reason: Reason,
  note: v.nullable(v.string()),
  from: Day,
  until: Day,
  /** The day it was ended early (the person owes again from that day), or null. */
  endedOn: v.nullable(Day),
  endedBy: v.nullable(v.string()),
  evidence: v.nullable(Evidence),
  /** Who recorded and approved it. */
  approvedBy: v.string(),
  createdAt: v.string(),
});
export type Info = v.InferOutput<typeof Info>;

export const states = ['scheduled', 'active', 'ended'] as const;
export type State = (typeof states)[number];

/** The last day it exempts: its end date, or the day before it was ended early. */
export const lastDay = (e: Pick<Info, 'until' | 'endedOn'>): string => {
  if (!e.endedOn) return e.until;
  const before = addDays(e.endedOn, -1);
  return before < e.until ? before : e.until;
};

/** Whether it exempts anyone at all (an exemption ended before its first day does not). */
const covers = (e: Pick<Info, 'from' | 'until' | 'endedOn'>) => lastDay(e) >= e.from;

export function stateOn(e: Pick<Info, 'from' | 'until' | 'endedOn'>, today: string): State {
  if (today < e.from && !(e.endedOn && e.endedOn <= today)) return 'scheduled';
  return today <= lastDay(e) && covers(e) ? 'active' : 'ended';
}

/** What it exempts from, as the person's `exempt` lists it: a target id, or `*` for every target. */
export const scopeOf = (e: Pick<Info, 'targetId'>) => e.targetId ?? '*';

/**
 * Two exemptions of one person overlap when their days meet and either covers the other's
 * target (one for every target covers all): a person is exempt once for a given day.
 */
export const overlaps = (a: Pick<Info, 'targetId' | 'from' | 'until' | 'endedOn'>, b: Pick<Info, 'targetId' | 'from' | 'until' | 'endedOn'>) =>
  covers(a) && covers(b) && (a.targetId === null || b.targetId === null || a.targetId === b.targetId) && a.from <= lastDay(b) && b.from <= lastDay(a);

/** The person's `exempt` on `today`: the scopes of their active exemptions, sorted. */
export const exemptOn = (all: Info[], today: string): string[] => [...new Set(all.filter((e) => stateOn(e, today) === 'active').map(scopeOf))].sort();

/** The person's `resumed` on `today`: per scope, the day after their latest exemption that has ended. */
export function resumedOn(all: Info[], today: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of all) {
    if (stateOn(e, today) !== 'ended' || !covers(e)) continue;
    const back = addDays(lastDay(e), 1);
    const scope = scopeOf(e);
    if (!out[scope] || back > out[scope]) out[scope] = back;
  }
  return out;
}

/** The days the daily job must look at an exemption: when it starts, and the day after its last. */
export const dueDays = (e: Pick<Info, 'from' | 'until' | 'endedOn'>): string[] => [...new Set([e.from, addDays(lastDay(e), 1)])];
