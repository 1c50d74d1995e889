import { stringify } from 'csv-stringify';
import { Readable } from 'node:stream';
import { keys } from '../db/keys.ts';
import { queryList } from '../db/query.ts';
import { Course } from '../course/index.ts';
import { Org } from '../org/index.ts';
import { Person } from '../person/index.ts';
import { safeCell as safeCellText } from './csv-cell.ts';
import {
  dispatchArchive as dispatch, listArchives as list, openArchive as open, requestArchive as request, runArchive as run,
  type Archive as ArchiveInfo, type ArchiveJob,
} from './archive.ts';

export namespace Report {
  export const safeCell = safeCellText;
  export type Archive = ArchiveInfo;
  export const requestArchive = request;
  export const listArchives = list;
  export const openArchive = open;
  /** Runs an archive job for the completions report (the reports Lambda, or in-process locally). */
  export const runCompletionsArchive = (job: ArchiveJob) => run(job, (unitId) => completionsCsv(unitId));
  export const dispatchCompletionsArchive = (job: ArchiveJob) => dispatch(job, runCompletionsArchive);
  export const categoryLabel: Record<Person.Category, string> = { 'can-bo': 'Cán bộ', 'cong-chuc': 'Công chức', 'vien-chuc': 'Viên chức' };

  export const completionColumns = [
    'Mã đơn vị', 'Đơn vị', 'Mã cán bộ', 'Họ và tên', 'Phân loại', 'Chức vụ', 'Mã khoá học', 'Khoá học', 'Trạng thái', 'Ngày hoàn thành',
  ];

  /**
   * One row per active person of the subtree and course of the catalogue, unit by unit:
   * memory holds one unit at a time, whatever the size of the province.
   */
  export async function* completionRows(rootUnitId: string): AsyncGenerator<string[]> {
    const courses = await Course.list();
    for await (const unit of Org.subtree(rootUnitId)) {
      const done = new Map<string, string>();
      for (const c of await queryList({ index: 'gsi1', pk: keys.completionsOf(unit.id) })) {
        done.set(`${c.personId}#${c.slug}`, String(c.completedAt));
      }
      for await (const person of Person.ofUnit(unit.id)) {
        if (person.status !== 'active') continue;
        for (const course of courses) {
          const at = done.get(`${person.id}#${course.slug}`);
          yield [unit.code, unit.name, person.employeeCode, person.fullName, categoryLabel[person.category], person.position,
            course.slug, course.title, at ? 'Đã hoàn thành' : 'Chưa hoàn thành', at ? at.slice(0, 10) : ''].map(safeCellText);
        }
      }
    }
  }

  /** UTF-8 with a BOM so Excel on Windows reads Vietnamese correctly; CRLF line ends. */
  export function completionsCsv(rootUnitId: string): Readable {
    const csv = stringify({ bom: true, record_delimiter: 'windows', header: true, columns: completionColumns });
    Readable.from(completionRows(rootUnitId)).on('error', (err) => csv.destroy(err)).pipe(csv);
    return csv;
  }
}
