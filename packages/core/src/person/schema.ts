import * as v from 'valibot';

/** cán bộ / công chức / viên chức: the official headcount is kept per category. */
export const Category = v.picklist(['can-bo', 'cong-chuc', 'vien-chuc']);
export type Category = v.InferOutput<typeof Category>;
export const categories = Category.options;
