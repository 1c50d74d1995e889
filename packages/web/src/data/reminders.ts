/** Reminders: what HR will send and has sent for a unit, and the learner's own in-app notices. */
import { createSignal } from 'solid-js';
import type { InferResponseType } from 'hono/client';
import { client, data, segment } from './api.ts';

const r = client.api.reminders;
const n = client.api.notices;

export type ReminderPlan = InferResponseType<typeof r.plan.$get>;
export type PlannedMessage = ReminderPlan['messages'][number];
export type ReminderHistory = InferResponseType<typeof r.history.$get>;
export type SentReminder = ReminderHistory['reminders'][number];
export type RunOutcome = InferResponseType<typeof r.run.$post>;
export type Notices = InferResponseType<typeof n.$get>;
export type Notice = Notices['notices'][number];

export const reminders = {
  plan: (unit: string | undefined) => data(r.plan.$get({ query: { unit } })),
  run: (unit: string | undefined) => data(r.run.$post({ query: { unit } })),
  pause: (unit: string, paused: boolean) => data(r.pause.$post({ query: { unit }, json: { paused } })),
  history: (unit: string | undefined) => data(r.history.$get({ query: { unit } })),
  /** The printable call list of who still owes the target, for places without e-mail. */
  callListUrl: (unit: string, kind: 'calls.pdf' | 'calls.xlsx') => client.api.reports[kind].$path({ query: { unit } }),
};

/** Unread notices, as the last answer said: the header's bell and the notices page read the same count. */
const [unreadCount, setUnread] = createSignal(0);
export const unread = unreadCount;

export const notices = {
  list: async () => {
    const answer = await data(n.$get());
    setUnread(answer.unread);
    return answer;
  },
  read: async (id: string) => {
    await data(n[':id'].read.$post({ param: { id: segment(id) } }));
    setUnread((k) => Math.max(0, k - 1));
  },
};
