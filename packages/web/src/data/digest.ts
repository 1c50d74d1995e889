/** The officers' weekly digest: whether the signed-in person receives it and turned it off, and a unit's named head. */
import type { InferResponseType } from 'hono/client';
import { client, data } from './api.ts';

const r = client.api.reminders;

export type DigestStatus = InferResponseType<typeof r.digest.$get>;
export type UnitHead = InferResponseType<typeof r.head.$get>['head'];

export const digest = {
  status: () => data(r.digest.$get()),
  optOut: (optOut: boolean) => data(r['digest-optout'].$post({ json: { optOut } })),
  head: (unit: string) => data(r.head.$get({ query: { unit } })),
  nameHead: (unit: string, employeeCode: string | null) => data(r.head.$post({ query: { unit }, json: { employeeCode } })),
};
