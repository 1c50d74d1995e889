/** Credit for prior learning: an equivalent certificate someone already holds, counted as the courses it stands for once HR approves it. */
import type { InferRequestType, InferResponseType } from 'hono/client';
import { api, client, data, every, segment } from './api.ts';

const c = client.api.credits;
const one = c[':id'];
const mine = client.api.me.credits;

export type CreditList = InferResponseType<typeof c.$get>;
/** A credit as HR lists it: with the person's unit name. */
export type Credit = CreditList['credits'][number];
export type CreditState = Credit['state'];
/** A credit as recording or approving one answers, and as the learner sees their own. */
export type Recorded = InferResponseType<typeof c.$post, 201>['credit'];
export type NewCredit = InferRequestType<typeof c.$post>['json'];
/** What a learner sends about themself: the same without a staff code, the server knows who they are. */
export type MyNewCredit = InferRequestType<typeof mine.$post>['json'];

/** The filter's order: what waits for HR first. */
export const creditStates = every<CreditState>()(['pending', 'approved']);

export const credits = {
  list: (unit: string | undefined, state: CreditState | undefined) => data(c.$get({ query: { unit, state } })),
  create: (input: NewCredit) => data(c.$post({ json: input })),
  approve: (id: string) => data(one.approve.$post({ param: { id: segment(id) } })),
  scanUrl: (id: string) => one.scan.$path({ param: { id: segment(id) } }),
  mine: () => data(mine.$get()),
  send: (input: MyNewCredit) => data(mine.$post({ json: input })),
  /** The catalogue a certificate may stand for, as the form offers it and the lists name its courses. */
  catalogue: () => api.courses().then((r) => r.courses.map(({ slug, title }) => ({ slug, title }))),
};

/** A course's title from the catalogue; its code when it is not (or not yet) there. */
export const titleIn = (catalogue: readonly { slug: string; title: string }[] | undefined) => (slug: string) =>
  catalogue?.find((c) => c.slug === slug)?.title ?? slug;
