/**
 * A batch of records as the SQLite worker receives it: one JSON string of column tuples,
 * built on the server's thread. Copying one string to the worker is a memcpy, where a
 * structured clone of record objects walks every input field (~4 µs a record of 121).
 */
import { inputsJson } from "./json.ts";
import { canonicalTime } from "./schema.ts";
import type { InferenceRecord } from "./types.ts";

/** One log row's column values, in insert order (score null when NaN). */
export type SqliteRow = [
  requestId: string,
  time: string,
  modelVersion: string,
  endpoint: string,
  inputs: string,
  score: number | null,
  tier: string,
];

/** The records as one JSON string of {@link SqliteRow}s; throws when a time is not a date. */
export function encodeSqliteRows(records: InferenceRecord[]): string {
  const rows = records.map((r): SqliteRow => [
    r.requestId,
    canonicalTime(r.time),
    r.modelVersion,
    r.endpoint,
    inputsJson(r.inputs),
    Number.isNaN(r.score) ? null : r.score,
    r.tier,
  ]);
  return JSON.stringify(rows);
}

/** Parses what {@link encodeSqliteRows} wrote. */
export function decodeSqliteRows(text: string): SqliteRow[] {
  return JSON.parse(text) as SqliteRow[];
}
