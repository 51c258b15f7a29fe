/**
 * The CSV as DuckDB reads it before typing: every cell as VARCHAR (quotes, embedded
 * commas and line breaks handled by read_csv), records numbered from 1 in file order.
 */
import { type DuckDBConnection, queryRows } from "../../duckdb/mod.ts";
import { runWithProgress } from "../../duckdb/parquet.ts";
import { type CsvReadOptions, readCsvSql } from "./dialect.ts";

/** Name of the temp table holding the text cells. */
export const TEXT_TABLE = "csv_text";

/** Column of the text table numbering records from 1, in file order. */
export const RECORD = "csv_record";

/** Options of {@link loadText}. */
export interface LoadTextOptions extends CsvReadOptions {
  onProgress?: (percent: number) => void;
}

/**
 * Loads a CSV into the text table and returns its header's column names. Rows the reader
 * rejects (ragged, unreadable) are left out and listed in the rejects table.
 */
export async function loadText(
  conn: DuckDBConnection,
  path: string,
  options: LoadTextOptions = {},
): Promise<string[]> {
  await runWithProgress(
    conn,
    `CREATE OR REPLACE TEMP TABLE ${TEXT_TABLE} AS SELECT row_number() OVER () AS ${RECORD}, *
     FROM ${readCsvSql(path, options)}`,
    { onProgress: options.onProgress },
  );
  return await textColumns(conn);
}

/** The header's column names, in order. */
export async function textColumns(conn: DuckDBConnection): Promise<string[]> {
  const described = await queryRows(conn, `DESCRIBE ${TEXT_TABLE}`);
  return described.map((row) => String(row.column_name)).filter((name) => name !== RECORD);
}
