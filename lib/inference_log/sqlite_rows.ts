/**
 * A batch of records as the SQLite worker receives it, built on the server's thread: one
 * JSON string of the fixed columns and one JSON string of inputs per record. Copying
 * strings to the worker is a memcpy, where a structured clone of record objects walks
 * every input field (~4 µs a record of 121); keeping the inputs out of the tuple text
 * spares escaping them on the server and unescaping them in the worker.
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

/** A batch ready to post: `columns` is JSON of the rows without inputs, `inputs` their JSON. */
export interface EncodedSqliteRows {
  columns: string;
  inputs: string[];
}

/** Encodes records for the worker; throws when a time is not a date. */
export function encodeSqliteRows(records: InferenceRecord[]): EncodedSqliteRows {
  const columns = records.map((r) => [
    r.requestId,
    canonicalTime(r.time),
    r.modelVersion,
    r.endpoint,
    Number.isNaN(r.score) ? null : r.score,
    r.tier,
  ]);
  return { columns: JSON.stringify(columns), inputs: records.map((r) => inputsJson(r.inputs)) };
}

/** The rows that {@link encodeSqliteRows} encoded. */
export function decodeSqliteRows(encoded: EncodedSqliteRows): SqliteRow[] {
  const columns = JSON.parse(encoded.columns) as [
    string,
    string,
    string,
    string,
    number | null,
    string,
  ][];
  return columns.map(([requestId, time, version, endpoint, score, tier], i): SqliteRow => [
    requestId,
    time,
    version,
    endpoint,
    encoded.inputs[i],
    score,
    tier,
  ]);
}
