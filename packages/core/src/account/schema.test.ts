import { describe, expect, it } from 'vitest';
import { returnPath } from './schema.ts';

const origin = 'https://sansang.minhson.gov.vn';

describe('the way back after sign-in', () => {
  it('is the page asked for, with its query', () => {
    expect(returnPath('/khoa-hoc/chu-ky-so/kiem-tra?lan=2#q3', origin)).toBe('/khoa-hoc/chu-ky-so/kiem-tra?lan=2#q3');
    expect(returnPath('/', origin)).toBe('/');
  });

  it('never leads off the site, nor back to the sign-in page', () => {
    for (const asked of [
      'https://evil.example/x',
      '//evil.example/x',
      '/\\evil.example/x',
      'javascript:alert(1)',
      '',
      undefined,
      ['/a'],
      '/dang-nhap?tiep=/x',
    ]) {
      expect(returnPath(asked, origin), String(asked)).toBe('/');
    }
  });
});
