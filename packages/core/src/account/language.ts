import * as v from 'valibot';
import { VisibleError } from '../error.ts';
import { fn } from '../fn.ts';
import { Language } from './schema.ts';
import { listLogins, setLanguage } from './store.ts';
import type { Account } from './index.ts';

/** Records the language the signed-in account chose for the site and its reminders. */
export const chooseLanguage = fn(
  v.object({ email: v.pipe(v.string(), v.maxLength(320)), personId: v.pipe(v.string(), v.maxLength(64)), language: Language }),
  async ({ email, personId, language }): Promise<Language> => {
    if (!(await setLanguage({ email, personId }, language))) throw new VisibleError('auth.required', 'Bạn cần đăng nhập.');
    return language;
  },
);

/**
 * The language a person's messages go in: the one chosen on their learner-only login (the one
 * a reminder's sign-in link opens) or else on any of their logins; Vietnamese when none chose.
 * One query of the login index, which lists every account that ever chose.
 */
export async function languageOf(personId: string): Promise<Language> {
  return languageAmong(await listLogins(personId));
}

/** The same choice among a person's logins already read. */
export function languageAmong(logins: Pick<Account.Info, 'grants' | 'language'>[]): Language {
  const chosen = [...logins.filter((a) => a.grants.length === 0), ...logins.filter((a) => a.grants.length > 0)].find((a) => a.language);
  return chosen?.language ?? 'vi';
}
