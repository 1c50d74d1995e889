/**
 * Where a target comes from (issue 20: targets at any level), on the officer pages that show
 * targets (readiness, targets). Kept out of the dictionary every learner's first page
 * downloads (the learner pages' JavaScript budget, test/e2e/js-budget.test.ts). Read with `tg`.
 */
import { fill, locale } from './index.ts';

const vi = {
  'owner.unit': 'Chỉ tiêu của {owner}',
  'owner.all': 'Chỉ tiêu chung toàn hệ thống',
  origin: 'Đơn vị đặt',
  applying: 'Chỉ tiêu áp dụng tại {unit}',
  setFor: 'Đặt cho',
  setForHint: 'Chỉ tiêu áp dụng cho người của đơn vị này và các đơn vị trực thuộc.',
  readOnly: 'Chỉ cán bộ tổ chức hoặc quản trị có quyền với một đơn vị mới đặt hoặc sửa được chỉ tiêu của đơn vị đó; chỉ tiêu của cấp trên chỉ xem.',
  pickUnit: 'Đơn vị trực thuộc',
  pickUnitGo: 'Xem chỉ tiêu của đơn vị này',
};

const en: Record<keyof typeof vi, string> = {
  'owner.unit': 'Target of {owner}',
  'owner.all': 'Installation-wide target',
  origin: 'Set by',
  applying: 'Targets that apply at {unit}',
  setFor: 'Set for',
  setForHint: 'The target applies to the people of this unit and of the units below it.',
  readOnly: 'Only an HR officer or administrator responsible for a unit can set or change its targets; targets set above are read-only.',
  pickUnit: 'Unit below',
  pickUnitGo: 'Show this unit’s targets',
};

export type TargetKey = keyof typeof vi;

export const tg = (key: TargetKey, params: Record<string, string | number> = {}): string => fill((locale() === 'en' ? en : vi)[key], params);

/** "Chỉ tiêu của Sở Nội vụ" / "Chỉ tiêu chung toàn hệ thống". */
export const originOf = (target: { owner: { name: string } | null }) => (target.owner ? tg('owner.unit', { owner: target.owner.name }) : tg('owner.all'));
