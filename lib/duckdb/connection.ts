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
  const [conn] = await openDuckDbConnections(1, options);
  return conn;
}

/**
 * Opens `count` connections to one DuckDB database: queries run at once on them share its
 * worker threads (two databases would each start a thread per core and fight over them).
 * Temp tables stay each connection's own. Close each with `conn.closeSync()`.
 * @example
 * ```ts
 * import { openDuckDbConnections, queryRows } from "./mod.ts";
 * const [a, b] = await openDuckDbConnections(2, { threads: 1 });
 * const rows = await Promise.all([queryRows(a, "select 1 as x"), queryRows(b, "select 2 as x")]);
 * a.closeSync();
 * b.closeSync();
 * if (rows[1][0].x !== 2) throw new Error("expected 2");
 * ```
 */
export async function openDuckDbConnections(
  count: number,
  options: OpenDuckDbOptions = {},
): Promise<DuckDBConnection[]> {
  const config: Record<string, string> = {};
  if (options.threads !== undefined) config.threads = String(options.threads);
  if (options.memoryLimit !== undefined) config.memory_limit = options.memoryLimit;
  const instance = await DuckDBInstance.create(options.path ?? ":memory:", config);
  const connections: DuckDBConnection[] = [];
  for (let i = 0; i < count; i++) connections.push(await instance.connect());
  return connections;
}
