/**
 * A batch of records as the SQLite worker receives it, built on the server's thread: one
 * JSON string of the fixed columns, and every record's inputs as UTF-8 JSON in one
 * buffer that is transferred, not copied. A /predict record brings the client's own
 * bytes, so its inputs are neither serialised nor encoded again; the worker binds each
 * slice as it is. Structured-cloning the inputs cost the event loop ~5 µs a record of
 * 121 fields.
 */
import { inputsJson } from "./json.ts";
import { canonicalTime } from "./schema.ts";
import type { InferenceRecord } from "./types.ts";

/**
 * One log row's column values, in insert order (score null when NaN; inputs UTF-8 JSON;
 * pair id null outside shadow releases).
 */
export type SqliteRow = [
  requestId: string,
  time: string,
  modelVersion: string,
  endpoint: string,
  inputs: Uint8Array,
  score: number | null,
  tier: string,
  pairId: string | null,
  outlierScore: number | null,
  /** 1 flagged, 0 not, null when the version has no outlier model. */
  outlierFlag: number | null,
  /** 1 on a challenger's shadow row, null otherwise. */
  shadow: number | null,
  latencyMs: number | null,
];

/**
 * A batch ready to post: `columns` is JSON of the rows without inputs, each ending with
 * where its inputs end in `inputs`.
 */
export interface EncodedSqliteRows {
  columns: string;
  inputs: Uint8Array<ArrayBuffer>;
}

const UTF8 = new TextEncoder();

/** Encodes records for the worker; throws when a time is not a date. */
export function encodeSqliteRows(records: InferenceRecord[]): EncodedSqliteRows {
  const parts = records.map((r) => r.inputsUtf8 ?? UTF8.encode(inputsJson(r.inputs)));
  const inputs = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let end = 0;
  const columns = records.map((r, i) => {
    inputs.set(parts[i], end);
    end += parts[i].length;
    return [
      r.requestId,
      canonicalTime(r.time),
      r.modelVersion,
      r.endpoint,
      Number.isNaN(r.score) ? null : r.score,
      r.tier,
      r.pairId ?? null,
      r.outlier?.score ?? null,
      r.outlier === undefined ? null : Number(r.outlier.flag),
      r.shadow === true ? 1 : null,
      r.latencyMs ?? null,
      end,
    ];
  });
  return { columns: JSON.stringify(columns), inputs };
}

/** The rows that {@link encodeSqliteRows} encoded (inputs are views of its buffer). */
export function decodeSqliteRows(encoded: EncodedSqliteRows): SqliteRow[] {
  const columns = JSON.parse(encoded.columns) as [
    string,
    string,
    string,
    string,
    number | null,
    string,
    string | null,
    number | null,
    number | null,
    number | null,
    number | null,
    number,
  ][];
  let start = 0;
  return columns.map(
    (
      [
        requestId,
        time,
        version,
        endpoint,
        score,
        tier,
        pairId,
        outlierScore,
        outlierFlag,
        shadow,
        latencyMs,
        end,
      ],
    ) => {
      const inputs = encoded.inputs.subarray(start, end);
      start = end;
      const row: SqliteRow = [
        requestId,
        time,
        version,
        endpoint,
        inputs,
        score,
        tier,
        pairId,
        outlierScore,
        outlierFlag,
        shadow,
        latencyMs,
      ];
      return row;
    },
  );
}
