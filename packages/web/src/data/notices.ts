/** The learner's in-app notices (what the reminders said), and the unread count the header's bell shows. */
import { createSignal } from 'solid-js';
import type { InferResponseType } from 'hono/client';
import { client, data, segment } from './api.ts';

const n = client.api.notices;

export type Notices = InferResponseType<typeof n.$get>;
export type Notice = Notices['notices'][number];

/** Unread notices, as the last answer said: the header's bell and the notices page read the same count. */
const [unread, setUnread] = createSignal(0);
export { unread };

/** When the notices were last asked for (ms since the epoch), by the bell or the notices page. */
let askedAt = 0;

export const notices = {
  list: async () => {
    askedAt = Date.now();
    const answer = await data(n.$get());
    setUnread(answer.unread);
    return answer;
  },
  /** Marks one read; the count goes down here, with no second request. */
  read: async (id: string) => {
    await data(n[':id'].read.$post({ param: { id: segment(id) } }));
    setUnread((k) => Math.max(0, k - 1));
  },
};

/** Reminders go out once a day: a count five minutes old is fresh enough. */
const STALE_MS = 5 * 60_000;
/** Back on the tab, the count is asked again unless it is this fresh: switching away and back at once asks nothing. */
const REFOCUS_MS = 30_000;

/**
 * Keeps the unread count fresh while someone is signed in, without a request per page: asked
 * at once, then when five minutes old while the tab is in view, and when the tab comes back
 * into view or focus. Answers the function that stops it and forgets the count (it was the
 * signed-out person's).
 */
export function watchUnread(): () => void {
  const ask = (olderThan: number) => {
    if (document.visibilityState === 'visible' && Date.now() - askedAt >= olderThan) void notices.list().catch(() => undefined);
  };
  askedAt = 0;
  ask(0);
  const timer = setInterval(() => ask(STALE_MS), 60_000);
  const back = () => ask(REFOCUS_MS);
  document.addEventListener('visibilitychange', back);
  window.addEventListener('focus', back);
  return () => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', back);
    window.removeEventListener('focus', back);
    setUnread(0);
  };
}
