/**
 * The buffer between the request path and a backend: `append` only pushes onto a bounded
 * queue; a timer (or a full batch) drains it through the sink one batch at a time. When
 * the sink fails the batch goes back to the front, the failure is counted and the drain
 * retries later with backoff; past `maxPending` the oldest records are dropped and counted
 * (the queue itself is batch_queue.ts; this adds the records' normalisation and the sink).
 */
import { type BufferOptions, createBatchQueue } from "./batch_queue.ts";
import { normaliseRecord } from "./normalise.ts";
import type { InferenceRecord, LogSink, LogStats, LogStore } from "./types.ts";

export type { BufferOptions };

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
  const queue = createBatchQueue<InferenceRecord>((batch) => sink.write(batch), options);
  return {
    append(records) {
      const safe: InferenceRecord[] = [];
      for (const record of records) {
        const normalised = normaliseRecord(record);
        if (normalised !== undefined) safe.push(normalised);
      }
      queue.push(safe, records.length - safe.length);
    },
    flush: () => queue.flush(),
    async close() {
      await queue.close();
      await sink.close().catch(() => {});
    },
    stats(): LogStats {
      return { ...queue.stats(), lost: sink.lost?.() ?? 0 };
    },
  };
}
