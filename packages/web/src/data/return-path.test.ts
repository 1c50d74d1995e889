import { describe, expect, it } from 'vitest';
import { Account } from '@sansang/core/schema';
import { signInHref } from './return-path.ts';

describe('the sign-in address of a page opened signed out', () => {
  it('carries the page, query included, back through sign-in', () => {
    const origin = 'https://sansang.minhson.gov.vn';
    const href = signInHref('/khoa-hoc/chu-ky-so/kiem-tra?lan=2');
    expect(href).toBe('/dang-nhap?tiep=%2Fkhoa-hoc%2Fchu-ky-so%2Fkiem-tra%3Flan%3D2');
    expect(Account.returnPath(new URL(href, origin).searchParams.get('tiep'), origin)).toBe('/khoa-hoc/chu-ky-so/kiem-tra?lan=2');
    expect(signInHref('/')).toBe('/dang-nhap');
  });
});
