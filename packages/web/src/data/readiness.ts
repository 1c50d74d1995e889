/** Typed client for the HR side: readiness against targets, report files, archives and schedules. */
import { request } from './api.ts';

/** `?a=1&b=2` from the parameters that are set; empty when none is. */
export function query(params: Record<string, string | undefined | null>): string {
  const set = Object.entries(params).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '');
  return set.length === 0 ? '' : `?${new URLSearchParams(set).toString()}`;
}

/** A search parameter as one value; empty means not given. */
export const param = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v) || undefined;

export type Figures = { staff: number; trained: number; percent: number; meetsTarget: boolean };
export type ChildFigures = Figures & { id: string; code: string; name: string; kind: string; gap: number };
export type Projection = { weeklyPace: number | null; projectedDate: string | null; onTrack: boolean | null };
export type Readiness = Figures & {
  unit: { id: string; code: string; name: string; kind: string; level: string; parentId: string | null; status: string };
  targets: { id: string; title: string }[];
  /** The ISO week (2026-W45) the figures were kept for when a past date was asked; null: live. */
  asOfWeek: string | null;
  target: { id: string; title: string; percent: number; deadline: string; programme: string[] };
  gap: number;
  daysLeft: number;
  projection: Projection;
  childrenMeeting: { kind: string; meets: number; total: number }[];
  children: ChildFigures[];
  history: (Figures & { week: string })[];
};
export type Category = 'can-bo' | 'cong-chuc' | 'vien-chuc';
export type Untrained = { id: string; employeeCode: string; fullName: string; category: Category; position: string; unitId: string; unitName: string };

export type ArchiveKind = 'completions.csv' | 'completions.xlsx' | 'summary.pdf';
export const archiveKinds: ArchiveKind[] = ['completions.csv', 'completions.xlsx', 'summary.pdf'];
export type ReportArchive = {
  id: string;
  kind: ArchiveKind;
  status: 'pending' | 'running' | 'ready' | 'failed';
  createdAt: string;
  sha256?: string | null;
  bytes?: number | null;
  scheduleId?: string;
};
export type Frequency = 'monthly' | 'quarterly';
export type Schedule = {
  id: string;
  unitId: string;
  unitName: string;
  frequency: Frequency;
  createdBy: string;
  createdAt: string;
  nextRun: string;
  lastRun?: string;
};

export type Scope = { unit?: string; target?: string; date?: string };

export const reports = {
  readiness: (scope: Scope) => request<Readiness>('GET', `/readiness${query(scope)}`),
  untrained: (scope: Scope) =>
    request<{ people: Untrained[]; more: boolean }>('GET', `/readiness/untrained${query({ unit: scope.unit, target: scope.target })}`),

  completionsCsvUrl: (unit: string) => `/api/reports/completions.csv${query({ unit })}`,
  completionsXlsxUrl: (unit: string) => `/api/reports/completions.xlsx${query({ unit })}`,
  summaryPdfUrl: (unit: string, date?: string) => `/api/reports/summary.pdf${query({ unit, date })}`,
  untrainedCsvUrl: (unit: string, target?: string) => `/api/reports/untrained.csv${query({ unit, target })}`,
  transcriptUrl: (employeeCode: string) => `/api/reports/transcript.pdf${query({ employeeCode })}`,

  archives: (unit: string) => request<{ archives: ReportArchive[] }>('GET', `/reports/archives${query({ unit })}`),
  /** The same `key` sent twice (a double click, a retry) makes one archive, not two. */
  createArchive: (unit: string, kind: ArchiveKind, key: string) =>
    request<{ archive: ReportArchive }>('POST', `/reports/archives${query({ unit, kind })}`, undefined, { headers: { 'idempotency-key': key } }),
  archiveUrl: (unit: string, id: string) => `/api/reports/archives/${encodeURIComponent(id)}${query({ unit })}`,

  schedules: (unit: string) => request<{ schedules: Schedule[] }>('GET', `/reports/schedules${query({ unit })}`),
  schedule: (unit: string, frequency: Frequency) => request<{ schedule: Schedule }>('POST', '/reports/schedules', { unit, frequency }),
  unschedule: (unit: string, frequency: Frequency) => request<void>('POST', '/reports/schedules/remove', { unit, frequency }),
};
