import { Account } from '../account/index.ts';
import { Person } from '../person/index.ts';

/**
 * "Người lập biểu" on paper is a person who signs, so a report prints the name of the person
 * bound to the account that asked for it; the audit log keeps the e-mail. A scheduled pack
 * ("lịch <e-mail>") names the officer who set the schedule; an operator at a terminal, who
 * has no account, is printed as given.
 */
export async function preparerName(requestedBy: string): Promise<string> {
  const email = /[^\s@]+@[^\s@]+/.exec(requestedBy)?.[0];
  if (!email) return requestedBy;
  const account = await Account.get(email);
  const person = account ? await Person.get(account.personId).catch(() => null) : null;
  return person ? requestedBy.replace(email, person.fullName) : requestedBy;
}
