import { createSignal } from 'solid-js';
import { ApiError } from './api.ts';

/** `retrying`: the server could not be reached (offline?); `busy`: it asked us to come back later (503, 429). */
export type SaveStatus = 'idle' | 'saving' | 'saved' | 'retrying' | 'busy' | 'closed';

/**
 * Saves answers as the learner gives them: the latest answer per question, a moment after
 * the last change, one request at a time, retried with growing pauses when the connection
 * fails or the server is busy (then after the pause its Retry-After asks for, if longer).
 * Answers not yet saved are also kept in the browser (localStorage), so closing the tab while
 * offline loses nothing: reopening the attempt sends them. A refusal from the server (time is
 * up, already submitted) stops it; the server's deadline always rules.
 */
export function answerSaver(save: (questionId: string, answer: string[]) => Promise<unknown>) {
  const [status, setStatus] = createSignal<SaveStatus>('idle');
  const pending = new Map<string, string[]>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let stopped = false;
  let pause = 2000;
  let storageKey: string | null = null;
  const persist = () => {
    if (!storageKey) return;
    if (pending.size === 0) localStorage.removeItem(storageKey);
    else localStorage.setItem(storageKey, JSON.stringify(Object.fromEntries(pending)));
  };

  const schedule = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(flush, ms);
  };
  async function flush() {
    if (running || stopped) return;
    running = true;
    try {
      while (pending.size > 0 && !stopped) {
        const [questionId, answer] = pending.entries().next().value as [string, string[]];
        setStatus('saving');
        try {
          await save(questionId, answer);
          if (pending.get(questionId) === answer) pending.delete(questionId);
          persist();
          pause = 2000;
        } catch (err) {
          const refused = err instanceof ApiError && !err.busy && err.status >= 400 && err.status < 500;
          if (refused) {
            stopped = true;
            pending.clear();
            persist();
            setStatus('closed');
            return;
          }
          const busy = err instanceof ApiError && err.status !== 0;
          setStatus(busy ? 'busy' : 'retrying');
          schedule(Math.max(pause, busy ? (err.retryAfterSeconds ?? 0) * 1000 : 0));
          pause = Math.min(pause * 2, 30_000);
          return;
        }
      }
      if (!stopped) setStatus('saved');
    } finally {
      running = false;
    }
  }

  return {
    status,
    /** Keeps unsaved answers under `key` (one attempt) and sends any left from before. */
    bind(key: string) {
      if (storageKey === key) return;
      storageKey = key;
      const kept = JSON.parse(localStorage.getItem(key) ?? '{}') as Record<string, string[]>;
      for (const [q, a] of Object.entries(kept)) if (!pending.has(q)) pending.set(q, a);
      if (pending.size > 0) schedule(0);
    },
    /** The answer given but not yet saved, which is newer than the server's copy. */
    unsaved: (questionId: string) => pending.get(questionId),
    queue(questionId: string, answer: string[]) {
      if (stopped) return;
      pending.set(questionId, answer);
      persist();
      schedule(500);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
    /** After a submit (which carried every answer): forget this attempt and be ready for the next. */
    reset() {
      clearTimeout(timer);
      pending.clear();
      persist();
      storageKey = null;
      stopped = false;
      setStatus('idle');
    },
  };
}
