import type { Readable } from 'node:stream';
import { csvTable } from '../report/table-file.ts';

/**
 * The titles of the roster file HR downloads to fill in, in the order the column help lists
 * them: Vietnamese, as HR systems write them, each one a title the import reads (a test
 * imports the template back, so the two cannot drift apart).
 */
export const rosterTemplateColumns = [
  'Mã cán bộ',
  'Họ và tên',
  'Thư điện tử',
  'Mã đơn vị',
  'Phân loại',
  'Chức vụ',
  'Trạng thái',
  'Ngày bắt đầu công tác',
  'Lý do miễn',
  'Nghỉ đến ngày',
];

/** The empty roster: the header row only, as CSV for Excel (BOM, CRLF). */
export const rosterTemplateCsv = (): Readable => csvTable(rosterTemplateColumns, (async function* () {})());
