import { Account } from '@sansang/core/schema';

/**
 * A page opened while signed out sends its visitor to sign in and back to it afterwards.
 * The way back travels in the sign-in page's address (`?tiep=`), so it survives a reload
 * and needs no storage; core's `returnPath` decides whether it may be followed.
 */
export function signInHref(path: string): string {
  return path === '/' ? '/dang-nhap' : `/dang-nhap?tiep=${encodeURIComponent(path)}`;
}

/** Where to go once signed in, given the sign-in page's `tiep`. */
export const returnPath = (asked: unknown): string => Account.returnPath(asked, location.origin);
