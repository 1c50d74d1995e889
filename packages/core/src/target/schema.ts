import * as v from 'valibot';
import { Kind, kinds, Level } from '../org/schema.ts';
import { Category } from '../person/schema.ts';

/**
 * "<percent>% of <categories> in <levels>/<unit kinds> have completed <programme> by
 * <deadline>". Several coexist, e.g. 100% of provincial agencies by one date and 90% of
 * communes by another.
 */
export const Info = v.object({
  id: v.pipe(v.string('phải là chuỗi'), v.regex(/^[a-z0-9-]+$/, 'chỉ dùng chữ thường không dấu, số và dấu gạch ngang'), v.maxLength(64, 'tối đa 64 ký tự')),
  /**
   * The unit that set it (its id): the target applies to that unit's subtree only. Absent =
   * the whole installation (a national target).
   */
  unitId: v.optional(v.pipe(v.string('phải là mã đơn vị'), v.minLength(1, 'không được để trống'), v.maxLength(64, 'tối đa 64 ký tự'))),
  title: v.pipe(v.string('phải là chuỗi'), v.trim(), v.minLength(1, 'không được để trống'), v.maxLength(300, 'tối đa 300 ký tự')),
  programme: v.pipe(
    v.array(v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/, 'mã khoá học không hợp lệ')), 'phải là danh sách mã khoá học'),
    v.minLength(1, 'cần ít nhất một khoá học'),
  ),
  categories: v.pipe(v.array(Category, 'phải là danh sách can-bo, cong-chuc, vien-chuc'), v.minLength(1, 'cần ít nhất một nhóm')),
  /** Government levels in scope; absent = every level. */
  levels: v.optional(v.pipe(v.array(Level, 'phải là danh sách cấp: trung-uong, tinh, huyen, xa'), v.minLength(1, 'bỏ trống thay vì để danh sách rỗng'))),
  /** Kinds of the unit a person works in; absent = every kind. */
  unitKinds: v.optional(v.pipe(v.array(Kind, `phải là danh sách loại đơn vị: ${kinds.join(', ')}`), v.minLength(1, 'bỏ trống thay vì để danh sách rỗng'))),
  percent: v.pipe(v.number('phải là số'), v.minValue(1, 'phải từ 1 đến 100'), v.maxValue(100, 'phải từ 1 đến 100')),
  deadline: v.pipe(v.string('phải là ngày dạng 2026-12-31'), v.isoDate('phải là ngày dạng 2026-12-31')),
  /**
   * Days someone who joins late has to finish, counted from their start date: they owe the
   * programme by the deadline or by start date + graceDays, whichever is later. Absent = 60
   * (`defaultGraceDays`); 0 = the start date itself.
   */
  graceDays: v.optional(
    v.pipe(v.number('phải là số ngày'), v.integer('phải là số ngày nguyên'), v.minValue(0, 'phải từ 0 đến 3650'), v.maxValue(3650, 'phải từ 0 đến 3650')),
  ),
  /**
   * How long finishing the programme counts: a number of months from the day it was finished,
   * or to the end of that calendar year. Absent = for good. After it lapses the person owes
   * the programme again (they retake the quizzes) and counts as "expired" until they do.
   */
  validity: v.optional(
    v.union(
      [
        v.object({
          months: v.pipe(
            v.number('phải là số tháng'),
            v.integer('phải là số tháng nguyên'),
            v.minValue(1, 'phải từ 1 đến 120'),
            v.maxValue(120, 'phải từ 1 đến 120'),
          ),
        }),
        v.object({ until: v.literal('year-end', 'chỉ nhận "year-end" (hết năm)') }),
      ],
      'phải là { "months": 12 } hoặc { "until": "year-end" }',
    ),
  ),
  /**
   * Days before a completion lapses in which it counts as "expiring soon" and a retake renews
   * it from its lapse date (not from the retake). Absent = 30 (`defaultRenewalDays`).
   */
  renewalDays: v.optional(
    v.pipe(v.number('phải là số ngày'), v.integer('phải là số ngày nguyên'), v.minValue(0, 'phải từ 0 đến 365'), v.maxValue(365, 'phải từ 0 đến 365')),
  ),
});
export type Info = v.InferOutput<typeof Info>;

/** The renewal window of a target with a validity that sets none. */
export const defaultRenewalDays = 30;

/** The grace period of a target that sets none. */
export const defaultGraceDays = 60;
