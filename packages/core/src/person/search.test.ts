import { describe, expect, it } from 'vitest';
import { foldVietnamese, matcher } from './search.ts';

describe('searching people by name or code', () => {
  it('folds Vietnamese marks, đ and case, so any keyboard finds a name', () => {
    expect(foldVietnamese('  Đặng Thị   Ngọc Ánh ')).toBe('dang thi ngoc anh');
    expect(foldVietnamese('NGUYỄN VĂN Đức')).toBe('nguyen van duc');
    // Marks typed as combining characters (some Windows keyboards) fold the same way.
    expect(foldVietnamese('Nguye\u0302\u0303n')).toBe('nguyen');
  });

  it('matches part of the name or of the code, and everyone when empty', () => {
    const person = { fullName: 'Trần Thị Bích Đào', employeeCode: 'MS-00123' };
    expect(matcher('bich dao')(person)).toBe(true);
    expect(matcher('Đào')(person)).toBe(true);
    expect(matcher('ms-001')(person)).toBe(true);
    expect(matcher('dao bich')(person)).toBe(false);
    expect(matcher('MS-00124')(person)).toBe(false);
    expect(matcher('')(person)).toBe(true);
  });
});
