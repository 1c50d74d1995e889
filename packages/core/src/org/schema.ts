import * as v from 'valibot';

export const Kind = v.picklist(
  ['ministry', 'province', 'agency', 'department', 'service-unit', 'district', 'commune', 'ward', 'other'],
  'loại đơn vị không hợp lệ',
);
export type Kind = v.InferOutput<typeof Kind>;
export const kinds = Kind.options;

/**
 * The tier of government a unit belongs to. Since 1 July 2025 local government has two
 * (tỉnh → xã); `huyen` stays for the history of units from before.
 */
export const Level = v.picklist(['trung-uong', 'tinh', 'huyen', 'xa'], 'cấp không hợp lệ (trung-uong, tinh, huyen, xa)');
export type Level = v.InferOutput<typeof Level>;
export const levels = Level.options;
