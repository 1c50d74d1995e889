import { createSignal } from 'solid-js';
import { ApiError } from './api.ts';

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'retrying' | 'closed';

/**
 * Saves answers as the learner gives them: the latest answer per question, a moment after
 * the last change, one request at a time, retried with growing pauses when the connection
 * fails. A refusal from the server (time is up, already submitted) stops it.
 */
export function answerSaver(save: (questionId: string, answer: string[]) => Promise<unknown>) {
  const [status, setStatus] = createSignal<SaveStatus>('idle');
  const pending = new Map<string, string[]>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let stopped = false;
  let pause = 2000;

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
          pause = 2000;
        } catch (err) {
          if (err instanceof ApiError && err.status >= 400 && err.status < 500) {
            stopped = true;
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
    queue(questionId: string, answer: string[]) {
      if (stopped) return;
      pending.set(questionId, answer);
      schedule(500);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
