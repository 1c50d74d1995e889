import { once } from 'node:events';
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * A stream handed back at once and filled later: the renderers load their large libraries
 * on first use (most Lambda requests never need them), yet callers want a stream to pipe
 * now. Whatever `fill` throws reaches the reader as the stream's error, never a hang.
 */
export function deferredStream(fill: (out: PassThrough) => Promise<void>): Readable {
  const out = new PassThrough();
  fill(out).catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

/**
 * Call the returned function after each row: it holds the row source back while the reader
 * is behind, so a slow upload does not pile rows up in memory. Every so many rows it also
 * gives the event loop a turn, without which compression and the pipe to the reader never
 * run while a source that does no I/O of its own keeps producing. It throws once the reader
 * has gone, so the source stops.
 */
export function pacer(out: Writable, rowsPerTurn = 100): () => Promise<void> {
  let rows = 0;
  return async () => {
    if (++rows % rowsPerTurn === 0) await nextTurn();
    if (out.destroyed) throw new Error('report stream closed before it was complete');
    if (!out.writableNeedDrain) return;
    const stop = new AbortController();
    try {
      await Promise.race([
        once(out, 'drain', { signal: stop.signal }),
        once(out, 'close', { signal: stop.signal }).then(() => {
          throw new Error('report stream closed before it was complete');
        }),
      ]);
    } finally {
      stop.abort();
    }
  };
}
