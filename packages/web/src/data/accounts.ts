/** Accounts as HR and admins manage them: who in a unit can sign in, with which roles, and the changes to those roles. */
import type { InferRequestType, InferResponseType } from 'hono/client';
import { client, data } from './api.ts';

const c = client.api.accounts;

export type AccountList = InferResponseType<typeof c.$get>;
/** An account of someone directly in the unit: whose, and each role with the unit it reaches (null: the whole installation). */
export type ListedAccount = AccountList['accounts'][number];
export type ShownGrant = ListedAccount['grants'][number];
export type Grant = InferRequestType<(typeof c)['grants']['$post']>['json']['grants'][number];

/** The roles an admin gives from the page; `learner` is what an account is without any. */
export const givenRoles = ['hr', 'trainer', 'admin'] as const;
export type GivenRole = (typeof givenRoles)[number];

export const accounts = {
  list: (unit?: string) => data(c.$get({ query: { unit } })),
  /** Replaces the account's roles with `grants`; the server keeps any the caller could not have given. */
  setGrants: (email: string, grants: Grant[]) => data(c.grants.$post({ json: { email, grants } })),
};

/** The grants as the request takes them, without the names the list adds. */
export const plainGrants = (grants: ShownGrant[]): Grant[] => grants.map(({ role, unitId }) => ({ role, unitId }));
