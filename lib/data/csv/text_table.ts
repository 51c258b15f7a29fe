/**
 * The CSV as DuckDB reads it before typing: every cell as VARCHAR (quotes, embedded
 * commas and line breaks handled by read_csv), records numbered from 1 in file order.
 */
import { type DuckDBConnection, queryRows, quoteLiteral } from "../duckdb.ts";
import { runWithProgress } from "../ingest/parquet.ts";

/** Name of the temp table holding the text cells. */
export const TEXT_TABLE = "csv_text";

/** Column of the text table numbering records from 1, in file order. */
export const RECORD = "csv_record";

/** Loads a CSV into the text table and returns its header's column names. */
export async function loadText(
  conn: DuckDBConnection,
  path: string,
  onProgress?: (percent: number) => void,
): Promise<string[]> {
  await runWithProgress(
    conn,
    `CREATE OR REPLACE TEMP TABLE ${TEXT_TABLE} AS SELECT row_number() OVER () AS ${RECORD}, *
     FROM read_csv(${quoteLiteral(path)}, all_varchar = true, header = true)`,
    { onProgress },
  );
  return await textColumns(conn);
}

/** The header's column names, in order. */
export async function textColumns(conn: DuckDBConnection): Promise<string[]> {
  const described = await queryRows(conn, `DESCRIBE ${TEXT_TABLE}`);
  return described.map((row) => String(row.column_name)).filter((name) => name !== RECORD);
}
