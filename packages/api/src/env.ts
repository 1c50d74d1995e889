import type { Account, Person } from '@sansang/core';

export type Env = {
  Variables: {
    session: Account.Session | null;
    account: Account.Info | null;
    person: Person.Info | null;
  };
};
