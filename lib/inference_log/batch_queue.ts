/**
 * The bounded, batching queue between a request path and a backend that may be down:
 * `push` only appends; a timer (or a full batch) drains it through `write` one batch at a
 * time. When a write fails the batch goes back to the front, the failure is counted and the
 * drain retries later with backoff; past `maxPending` the oldest items are dropped and
 * counted. The inference log (buffered.ts) and the JetStream publisher (lib/stream/) share it.
 */

/** Options of a {@link createBatchQueue} (and of the buffered log built on it). */
export interface BufferOptions {
  /** Items per backend write, and the queue length that starts one at once (default 100). */
  batchSize?: number;
  /**
   * Most items in one backend write (default 5,000). Writes take `batchSize` items;
   * past twenty batches queued a write takes the backlog up to this, so it drains in a few
   * large transactions: one write at a time of `batchSize` records fell behind
   * /predict/batch and dropped records. Taking the whole queue every time instead doubled
   * /predict's p99 at light load (longer transactions beside the server on two cores).
   */
  maxBatchSize?: number;
  /** Milliseconds an item may wait before a timed flush (default 200). */
  flushMs?: number;
  /** Items kept while the backend is down; older ones are dropped (default 100,000). */
  maxPending?: number;
  /**
   * Longest wait between retries after failures, in milliseconds (default 30,000); the
   * wait starts at max(flushMs, 10) and doubles per consecutive failure.
   */
  maxBackoffMs?: number;
}

/** Counters of a {@link BatchQueue}. */
export interface BatchQueueStats {
  /** Items the backend accepted. */
  written: number;
  /** Items given up on (overflow during an outage, refused at push, or unwritten at close). */
  dropped: number;
  /** Failed batch writes. */
  failures: number;
  /** Items queued or being written. */
  pending: number;
}

/** A bounded queue drained in batches through one backend write function. */
export interface BatchQueue<T> {
  /** Queues items (counting `refused` more as dropped); never throws, never waits. */
  push(items: readonly T[], refused?: number): void;
  /** Writes everything queued now (one attempt; failures are counted, not thrown). */
  flush(): Promise<void>;
  /** Flushes once more, then refuses new items; what is still queued counts as dropped. */
  close(): Promise<void>;
  stats(): BatchQueueStats;
}

/** Batches queued past which a write takes the backlog (up to maxBatchSize). */
const BACKLOG_BATCHES = 20;

/** Shortest wait before a retry, so a down backend is never retried in a tight loop. */
const MIN_RETRY_MS = 10;

const DEFAULTS = {
  batchSize: 100,
  maxBatchSize: 5_000,
  flushMs: 200,
  maxPending: 100_000,
  maxBackoffMs: 30_000,
};

/**
 * Creates a queue that drains through `write`, which must write a batch wholly or throw.
 * @example
 * ```ts
 * import { createBatchQueue } from "./batch_queue.ts";
 * const written: number[] = [];
 * const queue = createBatchQueue<number>((batch) => Promise.resolve(void written.push(...batch)));
 * queue.push([1, 2, 3]); // returns at once
 * await queue.close(); // writes what is left
 * if (written.length !== 3) throw new Error(`expected 3 written, got ${written.length}`);
 * ```
 */
export function createBatchQueue<T>(
  write: (batch: T[]) => Promise<void>,
  options: BufferOptions = {},
): BatchQueue<T> {
  const batchSize = Math.max(1, options.batchSize ?? DEFAULTS.batchSize);
  const maxBatchSize = Math.max(batchSize, options.maxBatchSize ?? DEFAULTS.maxBatchSize);
  const flushMs = Math.max(0, options.flushMs ?? DEFAULTS.flushMs);
  const maxPending = Math.max(1, options.maxPending ?? DEFAULTS.maxPending);
  const maxBackoffMs = options.maxBackoffMs ?? DEFAULTS.maxBackoffMs;
  let queue: T[] = [];
  let inFlight = 0;
  let written = 0;
  let dropped = 0;
  let failures = 0;
  let consecutiveFailures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let draining: Promise<void> | undefined;
  let closed = false;

  const trim = (): void => {
    const excess = queue.length + inFlight - maxPending;
    if (excess > 0) {
      const cut = Math.min(excess, queue.length);
      queue = queue.slice(cut);
      dropped += cut;
    }
  };

  const schedule = (delayMs: number): void => {
    if (timer !== undefined || closed) return;
    timer = setTimeout(() => {
      timer = undefined;
      void drain();
    }, delayMs);
  };

  const cancelTimer = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  /** Writes batches until the queue is empty or a write fails. */
  const drainOnce = async (): Promise<void> => {
    while (queue.length > 0) {
      const backlog = queue.length > BACKLOG_BATCHES * batchSize;
      const batch = queue.slice(0, backlog ? maxBatchSize : batchSize);
      queue = queue.slice(batch.length);
      inFlight = batch.length;
      try {
        await write(batch);
        written += batch.length;
        consecutiveFailures = 0;
      } catch {
        failures += 1;
        consecutiveFailures += 1;
        queue = batch.concat(queue);
        inFlight = 0;
        trim();
        const doubled = Math.max(flushMs, MIN_RETRY_MS) * 2 ** (consecutiveFailures - 1);
        schedule(Math.max(MIN_RETRY_MS, Math.min(maxBackoffMs, doubled)));
        return;
      } finally {
        inFlight = 0;
      }
    }
  };

  const drain = (): Promise<void> => {
    // One drain at a time; a caller arriving mid-drain waits for it and then drains again.
    const next = (draining ?? Promise.resolve()).then(drainOnce);
    const tracked = next.finally(() => {
      if (draining === tracked) draining = undefined;
    });
    draining = tracked;
    return tracked;
  };

  return {
    push(items, refused = 0) {
      dropped += refused;
      if (closed) {
        dropped += items.length;
        return;
      }
      for (const item of items) queue.push(item);
      trim();
      if (consecutiveFailures > 0) return; // the retry timer is already set
      if (queue.length >= batchSize) {
        cancelTimer();
        schedule(0);
      } else if (queue.length > 0) schedule(flushMs);
    },
    async flush() {
      cancelTimer();
      await drain();
    },
    async close() {
      cancelTimer();
      await drain();
      closed = true;
      cancelTimer();
      dropped += queue.length;
      queue = [];
    },
    stats() {
      return { written, dropped, failures, pending: queue.length + inFlight };
    },
  };
}
