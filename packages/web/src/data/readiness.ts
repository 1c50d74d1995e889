/** The HR side of the client: readiness against targets, report files, archives and schedules. */
import type { InferRequestType, InferResponseType } from 'hono/client';
import { client, data, every, searchParams, segment } from './api.ts';

/** `?a=1&b=2` from the parameters that are set; empty when none is. */
export function query(params: Record<string, string | undefined | null>): string {
  const set = searchParams(params).toString();
  return set === '' ? '' : `?${set}`;
}

/** A search parameter as one value; empty means not given. */
export const param = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v) || undefined;

const c = client.api;

export type Readiness = InferResponseType<typeof c.readiness.$get>;
export type ChildFigures = Readiness['children'][number];
export type Projection = Readiness['projection'];
export type Untrained = InferResponseType<typeof c.readiness.untrained.$get>['people'][number];
export type Category = Untrained['category'];

export type ReportArchive = InferResponseType<typeof c.reports.archives.$get>['archives'][number];
export type ArchiveKind = ReportArchive['kind'];
export const archiveKinds = every<ArchiveKind>()(['completions.csv', 'completions.xlsx', 'summary.pdf']);
export type Schedule = InferResponseType<typeof c.reports.schedules.$get>['schedules'][number];
export type Frequency = Schedule['frequency'];

export type Scope = InferRequestType<typeof c.readiness.$get>['query'];

export const reports = {
  readiness: (scope: Scope) => data(c.readiness.$get({ query: scope })),
  untrained: (scope: Scope & { q?: string }) => data(c.readiness.untrained.$get({ query: { unit: scope.unit, target: scope.target, q: scope.q } })),

  completionsCsvUrl: (unit: string) => c.reports['completions.csv'].$path({ query: { unit } }),
  completionsXlsxUrl: (unit: string) => c.reports['completions.xlsx'].$path({ query: { unit } }),
  summaryPdfUrl: (unit: string, date?: string) => c.reports['summary.pdf'].$path({ query: { unit, date } }),
  untrainedCsvUrl: (unit: string, target?: string) => c.reports['untrained.csv'].$path({ query: { unit, target } }),
  transcriptUrl: (employeeCode: string) => c.reports['transcript.pdf'].$path({ query: { employeeCode } }),

  archives: (unit: string) => data(c.reports.archives.$get({ query: { unit } })),
  /** The same `key` sent twice (a double click, a retry) makes one archive, not two. */
  createArchive: (unit: string, kind: ArchiveKind, key: string) =>
    data(c.reports.archives.$post({ query: { unit, kind } }, { headers: { 'idempotency-key': key } })),
  archiveUrl: (unit: string, id: string) => c.reports.archives[':id'].$path({ param: { id: segment(id) }, query: { unit } }),

  schedules: (unit: string) => data(c.reports.schedules.$get({ query: { unit } })),
  schedule: (unit: string, frequency: Frequency) => data(c.reports.schedules.$post({ json: { unit, frequency } })),
  unschedule: (unit: string, frequency: Frequency) => data(c.reports.schedules.remove.$post({ json: { unit, frequency } })),
};
