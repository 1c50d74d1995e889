import * as v from 'valibot';

/** cán bộ / công chức / viên chức: the official headcount is kept per category. */
export const Category = v.picklist(['can-bo', 'cong-chuc', 'vien-chuc']);
export type Category = v.InferOutput<typeof Category>;
export const categories = Category.options;

/**
 * What every record HR keeps about a person (an exemption, a credit) starts with: its id
 * `<personId>.<random>`, whose it is, and their unit of now (the record follows them through moves).
 */
export const RecordHead = v.object({
  id: v.string(),
  personId: v.string(),
  employeeCode: v.string(),
  fullName: v.string(),
  unitId: v.string(),
});

/**
 * Lower case without tone or vowel marks, đ as d: an officer typing "nguyen van" on any
 * keyboard finds "Nguyễn Văn", a learner typing "an toan" finds "An toàn". Pure, so the
 * browser folds a list it already holds the same way the server searches.
 */
export const foldVietnamese = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().replace(/\s+/g, ' ').trim();
