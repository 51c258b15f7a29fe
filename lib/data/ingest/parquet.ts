/**
 * How riskpipe writes raw parquet: pinned compression and row-group size, insertion order
 * preserved, so the same rows give the same bytes on every run and thread count.
 */
import { type DuckDBConnection, queryRows, quoteLiteral } from "../duckdb.ts";

/** Row-group size of every raw parquet file. */
export const PARQUET_ROW_GROUP_SIZE = 122880;

/** Writes the result of `sql` to a parquet file and returns the number of rows written. */
export async function copyToParquet(
  conn: DuckDBConnection,
  sql: string,
  path: string,
): Promise<number> {
  await conn.run("SET preserve_insertion_order = true");
  await conn.run(
    `COPY (${sql}) TO ${quoteLiteral(path)} ` +
      `(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${PARQUET_ROW_GROUP_SIZE})`,
  );
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
