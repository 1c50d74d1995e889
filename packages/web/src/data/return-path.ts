/**
 * A page opened while signed out sends its visitor to sign in and back to it afterwards.
 * The way back travels in the sign-in page's address (`?tiep=`), so it survives a reload
 * and needs no storage; the server's answer to the sign-in says whether it may be followed
 * (core's Account.returnPath), so no rule for it is loaded into the browser.
 */
export function signInHref(path: string): string {
  return path === '/' ? '/dang-nhap' : `/dang-nhap?tiep=${encodeURIComponent(path)}`;
}
