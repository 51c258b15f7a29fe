/** An in-memory log store for tests: records are kept in order as they are appended. */
import type { InferenceRecord, LogStore } from "./types.ts";

/** Creates a log store that keeps every appended record in `records`. */
export function createMemoryLogStore(): LogStore & { records: InferenceRecord[] } {
  const records: InferenceRecord[] = [];
  let closed = false;
  let dropped = 0;
  return {
    records,
    append(batch) {
      if (closed) dropped += batch.length;
      else records.push(...batch);
    },
    flush: () => Promise.resolve(),
    close() {
      closed = true;
      return Promise.resolve();
    },
    stats: () => ({ written: records.length, dropped, failures: 0, pending: 0, lost: 0 }),
  };
}
