/** Seeded inference records and a controllable failing sink for the inference-log tests. */
import { createRng } from "../../lib/random/mod.ts";
import type { InferenceRecord, LoggedRecord, LogSink } from "../../lib/inference_log/mod.ts";

/** `n` records one second apart from `start`, with seeded inputs. */
export function makeRecords(n: number, seed = 1, start = Date.UTC(2026, 10, 1)): InferenceRecord[] {
  const rng = createRng(seed);
  return Array.from({ length: n }, (_, i) => ({
    requestId: `req-${seed}-${i}`,
    time: new Date(start + i * 1000).toISOString(),
    modelVersion: "v0001",
    endpoint: "/predict",
    inputs: {
      AMT_CREDIT: Math.round(rng.float() * 1e6) / 100,
      CODE_GENDER: rng.float() < 0.5 ? "F" : "M",
      FLAG_OWN_CAR: rng.float() < 0.5,
      EXT_SOURCE_3: i % 3 === 0 ? null : rng.float(),
    },
    score: rng.float(),
    tier: i % 2 === 0 ? "low" : "high",
    // A version without an outlier model logs none (every fourth record here).
    ...(i % 4 === 3 ? {} : { outlier: { score: 0.25 + i / (4 * n), flag: i % 5 === 0 } }),
  }));
}

/** A sink kept in memory whose writes fail while `down` is true; it records each batch size. */
export function createFlakySink(): LogSink & {
  down: boolean;
  batches: number[];
  rows: InferenceRecord[];
} {
  const rows: InferenceRecord[] = [];
  const sink = {
    down: false,
    batches: [] as number[],
    rows,
    write(records: InferenceRecord[]) {
      if (sink.down) return Promise.reject(new Error("Cannot write: the log database is down"));
      sink.batches.push(records.length);
      rows.push(...records);
      return Promise.resolve();
    },
    readWindow(): Promise<LoggedRecord[]> {
      return Promise.resolve([]);
    },
    close: () => Promise.resolve(),
  };
  return sink;
}
