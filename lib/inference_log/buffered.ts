/**
 * The buffer between the request path and a backend: `append` only pushes onto a bounded
 * queue; a timer (or a full batch) drains it through the sink one batch at a time. When
 * the sink fails the batch goes back to the front, the failure is counted and the drain
 * retries later with backoff; past `maxPending` the oldest records are dropped and counted.
 */
import { normaliseRecord } from "./normalise.ts";
import type { InferenceRecord, LogSink, LogStats, LogStore } from "./types.ts";

/** Options for {@link createBufferedLogStore}. */
export interface BufferOptions {
  /** Records per backend write, and the queue length that starts one at once (default 100). */
  batchSize?: number;
  /**
   * Most records in one backend write (default 5,000). Writes take `batchSize` records;
   * past twenty batches queued a write takes the backlog up to this, so it drains in a few
   * large transactions: one write at a time of `batchSize` records fell behind
   * /predict/batch and dropped records. Taking the whole queue every time instead doubled
   * /predict's p99 at light load (longer transactions beside the server on two cores).
   */
  maxBatchSize?: number;
  /** Milliseconds a record may wait before a timed flush (default 200). */
  flushMs?: number;
  /** Records kept while the backend is down; older ones are dropped (default 100,000). */
  maxPending?: number;
  /**
   * Longest wait between retries after failures, in milliseconds (default 30,000); the
   * wait starts at max(flushMs, 10) and doubles per consecutive failure.
   */
  maxBackoffMs?: number;
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
 * Wraps a sink in a bounded, batching buffer.
 * @example
 * ```ts
 * import { createBufferedLogStore } from "./buffered.ts";
 * import type { InferenceRecord, LogSink } from "./types.ts";
 * const written: InferenceRecord[] = [];
 * const sink: LogSink = {
 *   write: (records) => Promise.resolve(void written.push(...records)),
 *   readWindow: () => Promise.resolve([]),
 *   close: () => Promise.resolve(),
 * };
 * const store = createBufferedLogStore(sink, { batchSize: 256 }); // e.g. over openSqliteSink
 * const record: InferenceRecord = {
 *   requestId: "r1",
 *   time: "2026-01-01T00:00:00Z",
 *   modelVersion: "v0001",
 *   endpoint: "/predict",
 *   inputs: {},
 *   score: 0.1,
 *   tier: "low",
 * };
 * store.append([record]); // returns at once
 * await store.close(); // writes what is left
 * if (written.length !== 1) throw new Error(`expected 1 written, got ${written.length}`);
 * ```
 */
export function createBufferedLogStore(sink: LogSink, options: BufferOptions = {}): LogStore {
  const batchSize = Math.max(1, options.batchSize ?? DEFAULTS.batchSize);
  const maxBatchSize = Math.max(batchSize, options.maxBatchSize ?? DEFAULTS.maxBatchSize);
  const flushMs = Math.max(0, options.flushMs ?? DEFAULTS.flushMs);
  const maxPending = Math.max(1, options.maxPending ?? DEFAULTS.maxPending);
  const maxBackoffMs = options.maxBackoffMs ?? DEFAULTS.maxBackoffMs;
  let queue: InferenceRecord[] = [];
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
        await sink.write(batch);
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
    append(records) {
      if (closed) {
        dropped += records.length;
        return;
      }
      for (const record of records) {
        const safe = normaliseRecord(record);
        if (safe === undefined) dropped += 1;
        else queue.push(safe);
      }
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
      await sink.close().catch(() => {});
    },
    stats(): LogStats {
      return {
        written,
        dropped,
        failures,
        pending: queue.length + inFlight,
        lost: sink.lost?.() ?? 0,
      };
    },
  };
}
