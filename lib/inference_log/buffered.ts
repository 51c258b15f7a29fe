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
  /** Records queued that start a write before the timer is due (default 100). */
  batchSize?: number;
  /**
   * Most records in one backend write (default 5,000). A write takes everything queued up
   * to this, so a backlog drains in a few large transactions: one write at a time of
   * `batchSize` records fell behind /predict/batch and dropped records.
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
 * const store = createBufferedLogStore(await openSqliteSink("log.db"), { batchSize: 256 });
 * store.append([record]); // returns at once
 * await store.close(); // writes what is left
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
  // When the queued records must be written by (performance.now() milliseconds).
  let due = 0;
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
      void drain(false);
    }, Math.max(0, delayMs));
  };

  const cancelTimer = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  /**
   * Writes batches while a full batch is queued or the queued records are due (or, when
   * forced, until the queue is empty), and stops at a failed write. Records that arrive
   * during a write wait for a full batch or their time: writing each trickle at once
   * cost a worker round trip (~150 µs of the event loop) per few records.
   */
  const drainOnce = async (force: boolean): Promise<void> => {
    while (
      queue.length > 0 && (force || queue.length >= batchSize || performance.now() >= due)
    ) {
      const batch = queue.slice(0, maxBatchSize);
      queue = queue.slice(batch.length);
      // The rest arrived during earlier writes: they wait at most one more flush period.
      if (queue.length > 0) due = performance.now() + flushMs;
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
    if (queue.length > 0) schedule(due - performance.now());
  };

  const drain = (force: boolean): Promise<void> => {
    // One drain at a time; a caller arriving mid-drain waits for it and then drains again.
    const next = (draining ?? Promise.resolve()).then(() => drainOnce(force));
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
      if (queue.length === 0) due = performance.now() + flushMs;
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
      } else if (queue.length > 0) schedule(due - performance.now());
    },
    async flush() {
      cancelTimer();
      await drain(true);
    },
    async close() {
      cancelTimer();
      await drain(true);
      closed = true;
      cancelTimer();
      dropped += queue.length;
      queue = [];
      await sink.close().catch(() => {});
    },
    stats(): LogStats {
      return { written, dropped, failures, pending: queue.length + inFlight };
    },
  };
}
