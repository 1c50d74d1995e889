import type { Account } from './index.ts';
import { holdsHr } from './schema.ts';
import { listOfficers, relistOfficer, scanAccounts } from './store.ts';

/** One HR grant: its officer receives the digests for the grant's unit's subtree (the whole installation for none). */
export type Officer = { email: string; personId: string; unitId: string | null };

/**
 * Every HR grant of every account, from the officers' listing each account write keeps with
 * its grants (create, open, a change of grants): one query of a sparse index, never the
 * accounts one by one. A grant taken away has left the listing in the same write.
 */
export async function* officers(): AsyncGenerator<Officer> {
  for await (const account of listOfficers()) yield* officerGrantsOf(account);
}

/** An account's HR grants, as `officers` answers them. */
export const officerGrantsOf = (account: Pick<Account.Info, 'email' | 'personId' | 'grants'>): Officer[] =>
  account.grants.filter((g) => g.role === 'hr').map((g) => ({ email: account.email, personId: account.personId, unitId: g.unitId ?? null }));

/** Puts one account in the officers' listing, or out of it, as its grants say now; false when there is no such account. */
export const relist = relistOfficer;

/**
 * The accounts the officers' listing or the login index has wrong (written before the listing
 * existed, so an HR officer gets no digest; or before the index, so reminders find no login
 * and the person neither gets their language nor a sign-in link), relisted with `write`. It reads every item of the table: an
 * operator's command after an upgrade (`sansang rebuild`), never a request's or a job's.
 */
export async function relistAll(options: { write: boolean }): Promise<{ accounts: number; wrong: string[] }> {
  let accounts = 0;
  const wrong: string[] = [];
  for await (const account of scanAccounts()) {
    accounts++;
    if (account.listed === holdsHr(account.grants) && account.indexed) continue;
    wrong.push(account.email);
    if (options.write) await relistOfficer(account.email);
  }
  return { accounts, wrong };
}
