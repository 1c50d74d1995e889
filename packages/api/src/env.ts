import type { Account, Person } from '@sansang/core';

export type Env = {
  Variables: {
    account: Account.Info | null;
    person: Person.Info | null;
    sessionToken: string | null;
  };
};
