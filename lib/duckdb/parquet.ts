/**
 * How riskpipe writes raw parquet: pinned compression and row-group size, insertion order
 * preserved, so the same rows give the same bytes on every run and thread count.
 */
import type { DuckDBConnection } from "./connection.ts";
import { quoteLiteral } from "./quote.ts";
import { queryRows } from "./rows.ts";

/** Row-group size of every raw parquet file. */
export const PARQUET_ROW_GROUP_SIZE = 122880;

/**
 * zstd level of every raw parquet file: level 1 encodes faster than DuckDB's default (3)
 * for files a few percent larger, and raw files are written once and read a few times.
 */
export const PARQUET_ZSTD_LEVEL = 1;

/** Options for {@link copyToParquet}. */
export interface CopyOptions {
  /** Called about every `pollMs` with DuckDB's estimate of the query's progress (0–100). */
  onProgress?: (percent: number) => void;
  pollMs?: number;
}

/** Writes the result of `sql` to a parquet file and returns the number of rows written. */
export async function copyToParquet(
  conn: DuckDBConnection,
  sql: string,
  path: string,
  options: CopyOptions = {},
): Promise<number> {
  await conn.run("SET preserve_insertion_order = true");
  const copy = `COPY (${sql}) TO ${quoteLiteral(path)} ` +
    `(FORMAT parquet, COMPRESSION zstd, COMPRESSION_LEVEL ${PARQUET_ZSTD_LEVEL}, ` +
    `ROW_GROUP_SIZE ${PARQUET_ROW_GROUP_SIZE})`;
  await runWithProgress(conn, copy, options);
  return await countParquetRows(conn, path);
}

/** Reads the row count of a parquet file from its metadata. */
export async function countParquetRows(conn: DuckDBConnection, path: string): Promise<number> {
  const rows = await queryRows(
    conn,
    `SELECT count(*)::BIGINT AS n FROM read_parquet(${quoteLiteral(path)})`,
  );
  return Number(rows[0].n);
}

/** Runs a statement, polling DuckDB's progress estimate while it works. */
export async function runWithProgress(
  conn: DuckDBConnection,
  sql: string,
  options: CopyOptions = {},
): Promise<void> {
  const onProgress = options.onProgress;
  if (!onProgress) {
    await conn.run(sql);
    return;
  }
  // DuckDB only tracks progress when its progress bar is on; printing stays off.
  await conn.run(
    "SET enable_progress_bar = true; SET enable_progress_bar_print = false; " +
      "SET progress_bar_time = 0",
  );
  const timer = setInterval(() => {
    const percent = conn.progress.percentage;
    if (percent >= 0) onProgress(percent);
  }, options.pollMs ?? 200);
  try {
    await conn.run(sql);
  } finally {
    clearInterval(timer);
  }
  onProgress(100);
}
