import * as v from 'valibot';

/** The language a person reads the site and their reminders in; Vietnamese unless they chose English. */
export const Language = v.picklist(['vi', 'en'], 'ngôn ngữ phải là "vi" (tiếng Việt) hoặc "en" (tiếng Anh)');
export type Language = v.InferOutput<typeof Language>;

/**
 * Where a person goes once signed in: back to the page they opened while signed out, when
 * it is a page of this site (`asked` is a path such as `/khoa-hoc/x?y`), else the start page.
 * The API answers both sign-ins (password, identity provider) by it, so neither can be made
 * to send a freshly signed-in person to another site.
 */
export function returnPath(asked: unknown, origin: string): string {
  if (typeof asked !== 'string' || !asked.startsWith('/')) return '/';
  const url = new URL(asked, origin);
  if (url.origin !== origin || url.pathname === '/dang-nhap') return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Whether an account's grants make it an HR officer, listed among the digests' recipients. */
export const holdsHr = (grants: readonly { role: string }[]) => grants.some((g) => g.role === 'hr');
