import { describe, expect, it } from 'vitest';
import { signInHref } from './return-path.ts';

describe('the sign-in address of a page opened signed out', () => {
  it('carries the page, query included, and leaves the start page out', () => {
    const href = signInHref('/khoa-hoc/chu-ky-so/kiem-tra?lan=2');
    expect(href).toBe('/dang-nhap?tiep=%2Fkhoa-hoc%2Fchu-ky-so%2Fkiem-tra%3Flan%3D2');
    expect(new URL(href, 'https://sansang.minhson.gov.vn').searchParams.get('tiep')).toBe('/khoa-hoc/chu-ky-so/kiem-tra?lan=2');
    expect(signInHref('/')).toBe('/dang-nhap');
  });
});
