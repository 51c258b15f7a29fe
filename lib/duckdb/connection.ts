/**
 * The one place riskpipe opens DuckDB. Stages and library code run SQL through the helpers
 * of this folder so quoting and type conversion are done the same way everywhere.
 */
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";

export type { DuckDBConnection };

/** Options for {@link openDuckDb}. */
export interface OpenDuckDbOptions {
  /** Database file; in-memory when absent. */
  path?: string;
  /** Worker threads (DuckDB's default is all cores). */
  threads?: number;
  /** Memory limit such as "4GB". */
  memoryLimit?: string;
}

/**
 * Opens a DuckDB connection; close it with `conn.closeSync()`.
 * @example
 * ```ts
 * import { openDuckDb, queryRows } from "./mod.ts";
 * const conn = await openDuckDb();
 * const rows = await queryRows(conn, "select 42 as x");
 * conn.closeSync();
 * ```
 */
export async function openDuckDb(options: OpenDuckDbOptions = {}): Promise<DuckDBConnection> {
  const config: Record<string, string> = {};
  if (options.threads !== undefined) config.threads = String(options.threads);
  if (options.memoryLimit !== undefined) config.memory_limit = options.memoryLimit;
  const instance = await DuckDBInstance.create(options.path ?? ":memory:", config);
  return await instance.connect();
}
