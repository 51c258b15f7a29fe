/**
 * DuckDB for riskpipe: the one connection helper, SQL quoting, the readers that turn
 * results into plain rows or typed columns, and the one way raw parquet is written.
 * @example
 * ```ts
 * import { openDuckDb, queryRows } from "./mod.ts";
 * const conn = await openDuckDb({ threads: 1 });
 * const [row] = await queryRows(conn, "select 42 as x");
 * conn.closeSync();
 * if (row.x !== 42) throw new Error("expected 42");
 * ```
 */
export {
  type DuckDBConnection,
  openDuckDb,
  openDuckDbConnections,
  type OpenDuckDbOptions,
} from "./connection.ts";
export { quoteIdent, quoteLiteral } from "./quote.ts";
export { queryRows } from "./rows.ts";
export { chunkColumnsJS, queryNumericColumns } from "./columns.ts";
export {
  type CopyOptions,
  copyToParquet,
  countParquetRows,
  PARQUET_ROW_GROUP_SIZE,
  runWithProgress,
} from "./parquet.ts";
