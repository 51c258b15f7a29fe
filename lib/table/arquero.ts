/** A DuckDB query as an arquero table, through Arrow: the notebooks' table work. */
import { type ColumnTable, fromArrow } from "arquero";
import type { DuckDBConnection } from "@duckdb/node-api";
import { tableToIPC } from "@uwdata/flechette";
import { queryArrow } from "./arrow.ts";

/**
 * Runs `sql` and returns the result as an arquero table for grouping, deriving and
 * pivoting (NULL as null; DuckDB's BIGINT counts as numbers).
 * @example
 * ```ts
 * import { op } from "arquero";
 * import { openDuckDb } from "../duckdb/mod.ts";
 * import { queryTable } from "./arquero.ts";
 * const conn = await openDuckDb({ threads: 1 });
 * const loans = await queryTable(
 *   conn,
 *   "select * from (values ('a', 1), ('a', 0), ('b', 1)) t(band, target)",
 * );
 * conn.closeSync();
 * const rates = loans.groupby("band").rollup({ rate: op.mean("target") }).orderby("band");
 * if (rates.get("rate", 0) !== 0.5) throw new Error(rates.toCSV());
 * ```
 */
export async function queryTable(conn: DuckDBConnection, sql: string): Promise<ColumnTable> {
  // Arrow IPC bytes: the format arquero's fromArrow reads from any Arrow library.
  const ipc = tableToIPC(await queryArrow(conn, sql), { format: "stream" });
  if (ipc === null) throw new TypeError(`Cannot read query as arquero: no Arrow stream for ${sql}`);
  return fromArrow(ipc);
}
