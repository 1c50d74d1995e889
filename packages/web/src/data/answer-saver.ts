import { createSignal } from 'solid-js';
import { ApiError } from './api.ts';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'retrying' | 'closed';

/**
 * Saves answers as the learner gives them: the latest answer per question, a moment after
 * the last change, one request at a time, retried with growing pauses when the connection
 * fails. Answers not yet saved are also kept in the browser (localStorage), so closing the
 * tab while offline loses nothing: reopening the attempt sends them. A refusal from the
 * server (time is up, already submitted) stops it; the server's deadline always rules.
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
          if (err instanceof ApiError && err.status >= 400 && err.status < 500) {
            stopped = true;
            pending.clear();
            persist();
            setStatus('closed');
            return;
          }
          setStatus('retrying');
          schedule(pause);
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
