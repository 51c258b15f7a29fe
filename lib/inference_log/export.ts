/**
 * Export of a time window of the inference log to parquet for the drift stage: fixed
 * columns, then one column per input field, written through DuckDB's appender in chunks
 * read from the backend (two passes: one to learn the input columns, one to write).
 */
import { DuckDBTimestampValue } from "@duckdb/node-api";
import { dirname } from "node:path";
import { type DuckDBConnection, openDuckDb, quoteIdent, quoteLiteral } from "../duckdb/mod.ts";
import { openLogSink } from "./open.ts";
import type { LoggedRecord, LogSink } from "./types.ts";

/** Options for {@link exportWindow}. */
export interface ExportWindowOptions {
  /** SQLite log (default data/inference_log/log.db) when `databaseUrl` is absent. */
  sqlitePath?: string;
  databaseUrl?: string;
  /** Start of the window, inclusive. */
  from: Date;
  /** End of the window, exclusive. */
  to: Date;
  /** Parquet file to write. */
  outPath: string;
  /** Records read per chunk (default 5,000). */
  chunkSize?: number;
}

/**
 * The endpoint rows scored from a bare feature vector (the V2 `features` tensor) are
 * logged under: they carry no request fields, so a drift window cannot score them again.
 */
export const FEATURE_VECTOR_ENDPOINT = "/v2/infer:features";

/** Fixed columns of the export, in order, with their DuckDB types. */
export const EXPORT_FIXED_COLUMNS = [
  ["request_id", "VARCHAR"],
  ["time", "TIMESTAMP"],
  ["model_version", "VARCHAR"],
  ["endpoint", "VARCHAR"],
  ["score", "DOUBLE"],
  ["tier", "VARCHAR"],
  // Null when the version that scored the row had no outlier model.
  ["outlier_score", "DOUBLE"],
  ["outlier_flag", "BOOLEAN"],
  // A shadow release's pairs: null outside one; shadow true on the challenger's row.
  ["pair_id", "VARCHAR"],
  ["shadow", "BOOLEAN"],
  ["latency_ms", "DOUBLE"],
] as const;

type InputKind = "DOUBLE" | "BOOLEAN" | "VARCHAR";
interface InputColumn {
  field: string;
  column: string;
  kind: InputKind;
}

/**
 * Writes the records logged in [from, to) to a parquet file, oldest id first.
 * @example
 * ```ts
 * import { exportWindow } from "./export.ts";
 * import { openLogStore } from "./open.ts";
 * const dir = await Deno.makeTempDir();
 * const store = await openLogStore({ sqlitePath: `${dir}/log.db` });
 * store.append([{
 *   requestId: "r1",
 *   time: "2026-11-02T00:00:00Z",
 *   modelVersion: "v0001",
 *   endpoint: "/predict",
 *   inputs: { AMT_CREDIT: 2e5 },
 *   score: 0.1,
 *   tier: "low",
 * }]);
 * await store.close();
 * const { rows } = await exportWindow({
 *   sqlitePath: `${dir}/log.db`,
 *   from: new Date("2026-11-01"),
 *   to: new Date("2026-11-08"),
 *   outPath: `${dir}/week.parquet`,
 * });
 * await Deno.remove(dir, { recursive: true });
 * if (rows !== 1) throw new Error(`expected 1 row, got ${rows}`);
 * ```
 */
export async function exportWindow(options: ExportWindowOptions): Promise<{ rows: number }> {
  if (!(options.from.getTime() < options.to.getTime())) {
    throw new RangeError(
      `Cannot export the inference log: window start ${options.from.toISOString()} is not before its end ${options.to.toISOString()}`,
    );
  }
  const sink = await openLogSink(options);
  try {
    const chunks = (): AsyncGenerator<LoggedRecord[]> =>
      readChunks(sink, options.from, options.to, options.chunkSize ?? 5_000);
    const columns = await inputColumns(chunks());
    await Deno.mkdir(dirname(options.outPath), { recursive: true });
    const conn = await openDuckDb({ threads: 1 });
    try {
      return { rows: await writeParquet(conn, columns, chunks(), options.outPath) };
    } finally {
      conn.closeSync();
    }
  } finally {
    await sink.close();
  }
}

async function* readChunks(
  sink: LogSink,
  from: Date,
  to: Date,
  size: number,
): AsyncGenerator<LoggedRecord[]> {
  let afterId = 0;
  while (true) {
    const chunk = await sink.readWindow(from, to, afterId, size);
    if (chunk.length === 0) return;
    yield chunk;
    afterId = chunk[chunk.length - 1].id;
  }
}

/** Input fields seen in the window, sorted, each with the one type that holds all its values. */
async function inputColumns(chunks: AsyncGenerator<LoggedRecord[]>): Promise<InputColumn[]> {
  const kinds = new Map<string, Set<string>>();
  for await (const chunk of chunks) {
    for (const record of chunk) {
      for (const [field, value] of Object.entries(record.inputs)) {
        let seen = kinds.get(field);
        if (seen === undefined) kinds.set(field, seen = new Set());
        if (value !== null && value !== undefined) seen.add(typeof value);
      }
    }
  }
  const taken = new Set<string>(EXPORT_FIXED_COLUMNS.map(([name]) => name));
  return [...kinds.keys()].sort().map((field) => {
    const seen = kinds.get(field)!;
    const only = seen.size === 1 ? [...seen][0] : seen.size === 0 ? "number" : "mixed";
    const kind: InputKind = only === "number"
      ? "DOUBLE"
      : only === "boolean"
      ? "BOOLEAN"
      : "VARCHAR";
    return { field, column: freeName(field, taken), kind };
  });
}

/** The field's own name unless a fixed column (or another field, ignoring case) has it. */
function freeName(field: string, taken: Set<string>): string {
  let name = field;
  if (taken.has(name.toLowerCase())) name = `input_${field}`;
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = `input_${field}_${n}`;
  taken.add(name.toLowerCase());
  return name;
}

async function writeParquet(
  conn: DuckDBConnection,
  columns: InputColumn[],
  chunks: AsyncGenerator<LoggedRecord[]>,
  outPath: string,
): Promise<number> {
  const definitions = [
    ...EXPORT_FIXED_COLUMNS.map(([name, type]) => `${quoteIdent(name)} ${type}`),
    ...columns.map((c) => `${quoteIdent(c.column)} ${c.kind}`),
  ];
  await conn.run(`create table window_rows (${definitions.join(", ")})`);
  const appender = await conn.createAppender("window_rows");
  let rows = 0;
  for await (const chunk of chunks) {
    for (const record of chunk) {
      appender.appendVarchar(record.requestId);
      appender.appendTimestamp(new DuckDBTimestampValue(BigInt(Date.parse(record.time)) * 1000n));
      appender.appendVarchar(record.modelVersion);
      appender.appendVarchar(record.endpoint);
      if (Number.isFinite(record.score)) appender.appendDouble(record.score);
      else appender.appendNull();
      appender.appendVarchar(record.tier);
      if (record.outlier === undefined) {
        appender.appendNull();
        appender.appendNull();
      } else {
        appender.appendDouble(record.outlier.score);
        appender.appendBoolean(record.outlier.flag);
      }
      if (record.pairId === undefined) appender.appendNull();
      else appender.appendVarchar(record.pairId);
      appender.appendBoolean(record.shadow === true);
      if (record.latencyMs === undefined) appender.appendNull();
      else appender.appendDouble(record.latencyMs);
      for (const column of columns) appendInput(appender, column.kind, record.inputs[column.field]);
      appender.endRow();
      rows += 1;
    }
    appender.flushSync();
  }
  appender.closeSync();
  await conn.run(
    `copy (select * from window_rows) to ${quoteLiteral(outPath)} (format parquet)`,
  );
  return rows;
}

type Appender = Awaited<ReturnType<DuckDBConnection["createAppender"]>>;

function appendInput(appender: Appender, kind: InputKind, value: unknown): void {
  if (value === null || value === undefined) return appender.appendNull();
  if (kind === "DOUBLE") return appender.appendDouble(value as number);
  if (kind === "BOOLEAN") return appender.appendBoolean(value as boolean);
  appender.appendVarchar(typeof value === "string" ? value : JSON.stringify(value));
}
