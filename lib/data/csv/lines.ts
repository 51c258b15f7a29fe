/**
 * Physical line numbers of CSV records. DuckDB numbers records, not lines, so a quoted
 * cell spanning lines shifts every later record; the shift is the count of line breaks
 * inside the cells of the records before it.
 */
import { type DuckDBConnection, queryRows, quoteIdent } from "../../duckdb/mod.ts";
import { RECORD } from "./text_table.ts";

/**
 * Returns the 1-based physical line on which each requested record starts (the header
 * is line 1 and is assumed to fit on one line).
 */
export async function recordLines(
  conn: DuckDBConnection,
  view: string,
  columns: string[],
  records: number[],
): Promise<Map<number, number>> {
  if (records.length === 0) return new Map();
  const breaks = columns
    .map((column) =>
      `coalesce(length(${quoteIdent(column)}) - ` +
      `length(replace(${quoteIdent(column)}, chr(10), '')), 0)`
    )
    .join(" + ");
  const rows = await queryRows(
    conn,
    `SELECT ${RECORD} AS record, 1 + ${RECORD} + coalesce(sum(${breaks}) OVER (ORDER BY ${RECORD}
       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS line
     FROM ${view} QUALIFY ${RECORD} IN (${records.join(", ")})`,
  );
  return new Map(rows.map((row) => [Number(row.record), Number(row.line)]));
}
