/** The HR side of exemptions: who is let off a target (or all) for a while, with its evidence. */
import type { InferRequestType, InferResponseType } from 'hono/client';
import { client, data, every, segment } from './api.ts';

const c = client.api.exemptions;
const one = c[':id'];

export type ExemptionList = InferResponseType<typeof c.$get>;
export type Exemption = ExemptionList['exemptions'][number];
export type ExemptionState = Exemption['state'];
export type Reason = Exemption['reason'];
export type NewExemption = InferRequestType<typeof c.$post>['json'];
/** An exemption as recording or ending it answers: without the list's state and unit name. */
export type Recorded = InferResponseType<typeof c.$post, 201>['exemption'];

/** The filter's order: what is in force now first, then what is coming, then what is over. */
export const exemptionStates = every<ExemptionState>()(['active', 'scheduled', 'ended']);
/** The order the form offers reasons in: the fixed list, "other" (which needs a note) last. */
export const reasons = every<Reason>()(['thai-san', 'om-dai-ngay', 'biet-phai', 'di-hoc', 'sap-nghi-huu', 'khac']);

export const exemptions = {
  list: (unit: string | undefined, state: ExemptionState | undefined) => data(c.$get({ query: { unit, state } })),
  create: (input: NewExemption) => data(c.$post({ json: input })),
  end: (id: string) => data(one.end.$post({ param: { id: segment(id) } })),
  evidenceUrl: (id: string) => one.evidence.$path({ param: { id: segment(id) } }),
};
