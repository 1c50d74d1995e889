import type { Readable } from 'node:stream';
import type { Actor } from '../actor.ts';
import { Audit } from '../audit/index.ts';
import { dispatchJob } from '../background.ts';
import { Course } from '../course/index.ts';
import { Org } from '../org/index.ts';
import { exportUnits } from '../org/import.ts';
import { Person } from '../person/index.ts';
import { personIdFor } from '../person/import.ts';
import { Readiness } from '../readiness/index.ts';
import { Target } from '../target/index.ts';
import { Tenant } from '../tenant/index.ts';
import { vnDay } from '../vn-day.ts';
import { safeCell as safeCellText } from './csv-cell.ts';
import { preparerName } from './preparer.ts';
import {
  archiveKinds as kinds,
  listArchives as list,
  openArchive as open,
  requestArchive as request,
  runArchive,
  type Archive as ArchiveInfo,
  type ArchiveJob,
  type ArchiveKind,
} from './archive.ts';
import { categoryLabel as categoryLabels, creditedLabel, kindLabel as kindLabels, stillOwes } from './labels.ts';
import {
  Frequency as FrequencySchema,
  listSchedules,
  runDueSchedules as runDue,
  schedule as addSchedule,
  unschedule as removeSchedule,
  type Schedule as ScheduleInfo,
} from './schedule.ts';
import { targetRows, transcriptOf } from './rows.ts';
import { unitCompletions } from './store.ts';
import { csvTable, xlsxTable } from './table-file.ts';
import { completionsXlsx } from './xlsx-report.ts';

export namespace Report {
  export const safeCell = safeCellText;
  export const categoryLabel = categoryLabels;
  export const kindLabel = kindLabels;
  export type Archive = ArchiveInfo;
  export type Kind = ArchiveKind;
  export const archiveKinds = kinds;
  export const requestArchive = request;
  export const listArchives = list;

  export const completionColumns = [
    'Mã đơn vị',
    'Đơn vị',
    'Mã cán bộ',
    'Họ và tên',
    'Phân loại',
    'Chức vụ',
    'Mã khoá học',
    'Khoá học',
    'Trạng thái',
    'Ngày hoàn thành',
  ];

  /**
   * One row per active person of the subtree and course of the catalogue, unit by unit:
   * memory holds one unit at a time, whatever the size of the province.
   */
  export async function* completionRows(rootUnitId: string): AsyncGenerator<string[]> {
    const courses = await Course.list();
    for await (const unit of Org.subtree(rootUnitId)) {
      const done = new Map<string, { completedAt: string; credit: boolean }>();
      for (const c of await unitCompletions(unit.id)) done.set(`${c.personId}#${c.slug}`, c);
      for await (const person of Person.ofUnit(unit.id)) {
        if (person.status !== 'active') continue;
        for (const course of courses) {
          const at = done.get(`${person.id}#${course.slug}`);
          yield [
            unit.code,
            unit.name,
            person.employeeCode,
            person.fullName,
            categoryLabel[person.category],
            person.position,
            course.slug,
            course.title,
            at ? (at.credit ? creditedLabel : 'Đã hoàn thành') : 'Chưa hoàn thành',
            at ? at.completedAt.slice(0, 10) : '',
          ];
        }
      }
    }
  }

  /** UTF-8 with a BOM so Excel on Windows reads Vietnamese correctly; CRLF line ends. */
  export const completionsCsv = (rootUnitId: string): Readable => csvTable(completionColumns, completionRows(rootUnitId));

  /** The report workbook: a summary sheet, then one sheet per target listing everyone in its scope. */
  export async function completionsWorkbook(unitId: string, requestedBy: string): Promise<Readable> {
    const [summary, targets, courses, brand] = await Promise.all([
      Readiness.summary(unitId, await preparerName(requestedBy)),
      Target.list(),
      Course.list(),
      Tenant.forReport(unitId),
    ]);
    const byId = new Map(targets.map((t) => [t.id, t]));
    return completionsXlsx(summary, (t) => targetRows(unitId, byId.get(t.target.id)!), new Map(courses.map((c) => [c.slug, c.title])), brand?.name ?? null);
  }

  /** The PDF summary for leadership. */
  export async function summaryPdf(unitId: string, requestedBy: string, date?: string): Promise<Readable> {
    // Loaded on first use, like pdfkit inside it: most requests never make a PDF.
    const { summaryPdf: render } = await import('./summary-pdf.ts');
    const [summary, brand] = await Promise.all([preparerName(requestedBy).then((name) => Readiness.summary(unitId, name, date)), Tenant.forReport(unitId)]);
    return render(summary, brand);
  }

  export async function transcriptPdf(personId: string): Promise<Readable> {
    const { transcriptPdf: render } = await import('./transcript-pdf.ts');
    const transcript = await transcriptOf(personId);
    return render(transcript, await Tenant.forReport(transcript.unit.id));
  }

  /** Who in a target's scope has not finished it yet, as CSV: the dashboard's list in full. */
  export async function untrainedCsv(unitId: string, targetId?: string): Promise<Readable> {
    const target = await Target.pickAt(unitId, targetId);
    const rows = (async function* () {
      for await (const r of targetRows(unitId, target)) {
        // The exempt owe nothing now: the list is of who still has to train (a lapsed completion included), as on the dashboard.
        if (stillOwes(r))
          yield [r.unitCode, r.unitName, r.employeeCode, r.fullName, categoryLabel[r.category], r.position, r.lapse === 'lapsed' ? r.validUntil! : r.dueDate];
      }
    })();
    return csvTable(['Mã đơn vị', 'Đơn vị', 'Mã cán bộ', 'Họ và tên', 'Phân loại', 'Chức vụ', 'Hạn hoàn thành'], rows);
  }

  /** Who to call and of what, for units without e-mail (issue 18): the still-to-train list with what each has left, as XLSX or PDF. */
  export async function callList(kind: 'calls.xlsx' | 'calls.pdf', unitId: string, targetId?: string): Promise<Readable> {
    const [target, courses, unit] = await Promise.all([Target.pickAt(unitId, targetId), Course.list(), Org.get(unitId)]);
    const { callRows, callListPdf, callListXlsx } = await import('./call-list.ts');
    const rows = callRows(targetRows(unitId, target), target, new Map(courses.map((c) => [c.slug, c.title])), vnDay());
    return kind === 'calls.xlsx' ? callListXlsx(rows) : callListPdf(unit.name, target, rows, new Date().toISOString(), await Tenant.forReport(unit));
  }

  /** Column titles of a tree export; `org import` reads them back (see import-rows aliases). */
  export const treeHeaders = ['Mã đơn vị', 'Tên đơn vị', 'Loại đơn vị', 'Cấp', 'Mã đơn vị cấp trên'];
  export const treeCsv = (rows: AsyncIterable<string[]>) => csvTable(treeHeaders, rows);
  export const treeXlsx = (rows: AsyncIterable<string[]>) =>
    xlsxTable(
      'Cây tổ chức',
      treeHeaders.map((header, i) => ({ header, width: [16, 48, 16, 10, 18][i] })),
      rows,
    );

  /** The file of one kind, for a unit, as its figures stand now. */
  export async function generate(kind: Kind, unitId: string, requestedBy: string): Promise<Readable> {
    if (kind === 'completions.csv') return completionsCsv(unitId);
    if (kind === 'completions.xlsx') return completionsWorkbook(unitId, requestedBy);
    return summaryPdf(unitId, requestedBy);
  }

  /**
   * A file that leaves the system: a download from the pages, or a file the CLI writes
   * (`terminal`, with the path it went to). Made for `unitId` as its figures stand now;
   * `summary.pdf` may be of a past `date`, `untrained.csv` of one `target`, and
   * `transcript.pdf` is one person's, by employee code.
   */
  export type Download = { actor: Actor; unitId: string; terminal?: { out: string } } & (
    | { kind: 'completions.csv' | 'completions.xlsx' }
    | { kind: 'summary.pdf'; date?: string }
    | { kind: 'untrained.csv' | 'calls.xlsx' | 'calls.pdf'; target?: string }
    | { kind: 'transcript.pdf'; employeeCode: string }
    | { kind: 'org.csv' | 'org.xlsx' }
  );

  /** The file, once the audit log records who took which report of which unit (`report.download`). */
  export async function download(file: Download): Promise<Readable> {
    const { body, detail } = await make(file);
    await released(file, file.kind, detail);
    return body;
  }

  /** An archived report, exactly as it was made, recorded in the audit log like any download. */
  export async function downloadArchive(input: { actor: Actor; unitId: string; id: string }): Promise<{ archive: Archive; body: Readable }> {
    const { archive, body } = await open(input.unitId, input.id);
    await released(input, archive.kind, { archive: archive.id, sha256: archive.sha256 });
    return { archive, body };
  }

  async function make(file: Download): Promise<{ body: Readable; detail: Record<string, unknown> }> {
    switch (file.kind) {
      case 'completions.csv':
      case 'completions.xlsx':
        return { body: await generate(file.kind, file.unitId, file.actor.email), detail: {} };
      case 'summary.pdf':
        return { body: await summaryPdf(file.unitId, file.actor.email, file.date), detail: file.date ? { date: file.date } : {} };
      case 'untrained.csv':
        return { body: await untrainedCsv(file.unitId, file.target), detail: { target: file.target } };
      case 'calls.xlsx':
      case 'calls.pdf':
        return { body: await callList(file.kind, file.unitId, file.target), detail: { target: file.target } };
      case 'transcript.pdf':
        return { body: await transcriptPdf(personIdFor(file.employeeCode)), detail: { employeeCode: file.employeeCode } };
      case 'org.csv':
      case 'org.xlsx': {
        const rows = (async function* () {
          for await (const u of exportUnits(file.unitId)) yield [u.code, u.name, u.kind, u.level, u.parent_code];
        })();
        return { body: file.kind === 'org.csv' ? treeCsv(rows) : treeXlsx(rows), detail: {} };
      }
    }
  }

  const released = (by: { actor: Actor; unitId: string; terminal?: { out: string } }, kind: string, detail: Record<string, unknown>) =>
    Audit.record({
      actor: by.actor.email,
      action: 'report.download',
      unitId: by.unitId,
      detail: { report: kind, ...detail, ...(by.terminal ? { via: 'cli', out: by.terminal.out } : {}) },
    });

  /** Runs an archive job (the reports Lambda, or in-process locally). */
  export const runArchiveJob = (job: ArchiveJob) => runArchive(job, (a) => generate(a.kind, a.unitId, a.requestedBy));
  export const dispatchArchiveJob = (job: ArchiveJob) => dispatchJob(job, runArchiveJob);

  export type Schedule = ScheduleInfo;
  export const Frequency = FrequencySchema;
  export const schedule = addSchedule;
  export const unschedule = removeSchedule;
  export const schedules = listSchedules;
  /** The daily job's part: make the report packs that are due. */
  export const runDueSchedules = (now = new Date()) => runDue(now, (a) => dispatchArchiveJob({ unitId: a.unitId, id: a.id }));
}
