import * as v from 'valibot';
import { RecordHead } from '../person/schema.ts';

const Day = v.pipe(v.string('phải là ngày dạng 2026-12-31'), v.isoDate('phải là ngày dạng 2026-12-31'));
const Text = (max: number) => v.pipe(v.string('phải là chuỗi'), v.trim(), v.minLength(1, 'không được để trống'), v.maxLength(max, `tối đa ${max} ký tự`));

/**
 * An equivalent certificate someone already holds (an IU certificate from a testing centre,
 * a "Bình dân học vụ số" certificate, a course a ministry ran), as HR or the learner records
 * it: the API contract of POST /api/credits and POST /api/me/credits. The scan is required.
 */
export const Input = v.object(
  {
    employeeCode: Text(64),
    issuer: Text(200),
    number: Text(100),
    issuedOn: Day,
    /** The courses of the catalogue it stands for. */
    courses: v.pipe(
      v.array(v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/, 'mã khoá học không hợp lệ')), 'phải là danh sách mã khoá học'),
      v.minLength(1, 'cần ít nhất một khoá học'),
      v.maxLength(20),
    ),
    note: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(500, 'ghi chú tối đa 500 ký tự'))),
    evidence: v.object(
      {
        fileName: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200, 'tên tệp tối đa 200 ký tự')),
        data: v.pipe(v.string(), v.minLength(1, 'cần bản chụp chứng chỉ'), v.maxLength(7_200_000, 'tệp tối đa 5 MB')),
      },
      'cần bản chụp chứng chỉ (evidence: PDF hoặc ảnh)',
    ),
  },
  // A missing field is named; a missing scan says what is needed.
  (issue) => (issue.expected === '"evidence"' ? 'cần bản chụp chứng chỉ (evidence: PDF hoặc ảnh)' : `thiếu ${issue.expected ?? 'dữ liệu'}`),
);
export type Input = v.InferOutput<typeof Input>;

export const states = ['pending', 'approved'] as const;
export type State = (typeof states)[number];

export const Info = v.object({
  ...RecordHead.entries,
  issuer: v.string(),
  number: v.string(),
  issuedOn: Day,
  courses: v.array(v.string()),
  note: v.nullable(v.string()),
  evidence: v.object({ key: v.string(), fileName: v.string(), contentType: v.string(), size: v.number() }),
  state: v.picklist(states),
  submittedBy: v.string(),
  submittedAt: v.string(),
  approvedBy: v.nullable(v.string()),
  approvedAt: v.nullable(v.string()),
});
export type Info = v.InferOutput<typeof Info>;

/** The same certificate twice for one person: the same issuer and number, whatever the case and spaces. */
export const sameCertificate = (a: Pick<Info, 'issuer' | 'number'>, b: Pick<Info, 'issuer' | 'number'>) => {
  const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(a.issuer) === norm(b.issuer) && norm(a.number) === norm(b.number);
};
