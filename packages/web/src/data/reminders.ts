/** Reminders: what HR will send and has sent for a unit (the learner's own notices are in notices.ts). */
import type { InferResponseType } from 'hono/client';
import { client, data } from './api.ts';

const r = client.api.reminders;

export type ReminderPlan = InferResponseType<typeof r.plan.$get>;
export type PlannedMessage = ReminderPlan['messages'][number];
export type ReminderHistory = InferResponseType<typeof r.history.$get>;
export type SentReminder = ReminderHistory['reminders'][number];
export type RunOutcome = InferResponseType<typeof r.run.$post>;

export const reminders = {
  plan: (unit: string | undefined) => data(r.plan.$get({ query: { unit } })),
  run: (unit: string | undefined) => data(r.run.$post({ query: { unit } })),
  pause: (unit: string, paused: boolean) => data(r.pause.$post({ query: { unit }, json: { paused } })),
  history: (unit: string | undefined) => data(r.history.$get({ query: { unit } })),
  /** The printable call list of who still owes the target, for places without e-mail. */
  callListUrl: (unit: string, kind: 'calls.pdf' | 'calls.xlsx') => client.api.reports[kind].$path({ query: { unit } }),
};
