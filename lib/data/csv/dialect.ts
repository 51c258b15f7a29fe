/**
 * How DuckDB reads the CSV: the read_csv arguments shared by the sniffer and the load
 * (header on line 1, every cell as text, bad rows set aside in a rejects table rather
 * than failing the scan at the first), and the dialect its sniffer picks.
 */
import { type DuckDBConnection, queryRows, quoteLiteral } from "../../duckdb/mod.ts";
import type { QuoteRule } from "./record_scan.ts";

/** Temp table where read_csv stores the rows it rejects. */
export const REJECTS_TABLE = "csv_rejects";
/** Rejected rows kept at most; the error names the first few. */
export const REJECTS_LIMIT = 1000;

/** What the caller may set about the reader. */
export interface CsvReadOptions {
  /** DuckDB's max_line_size in bytes (param data.csv.max_line_size); DuckDB's default when absent. */
  maxLineSize?: number;
}

/** Delimiter and quoting of a CSV as DuckDB's sniffer sees them. */
export interface CsvDialect extends QuoteRule {
  delimiter: string;
  /** Number of columns the sniffer found in the header. */
  columns: number;
}

/** The read_csv arguments after the path, the same for sniffing and loading. */
export function readCsvArguments(options: CsvReadOptions): string {
  const args = [
    "all_varchar = true",
    "header = true",
    // Without it the sniffer may skip ragged leading rows and take a data row as the header.
    "skip = 0",
  ];
  if (options.maxLineSize !== undefined) args.push(`max_line_size = ${options.maxLineSize}`);
  return args.join(", ");
}

/** The read_csv call that loads the file, storing rejected rows in {@link REJECTS_TABLE}. */
export function readCsvSql(path: string, options: CsvReadOptions): string {
  return `read_csv(${quoteLiteral(path)}, ${readCsvArguments(options)}, store_rejects = true, ` +
    `rejects_table = '${REJECTS_TABLE}', rejects_scan = '${REJECTS_TABLE}_scans', ` +
    `rejects_limit = ${REJECTS_LIMIT})`;
}

/** Runs DuckDB's sniffer as the load will (errors tolerated, since the load sets them aside). */
export async function sniffDialect(
  conn: DuckDBConnection,
  path: string,
  options: CsvReadOptions,
): Promise<CsvDialect> {
  const [row] = await queryRows(
    conn,
    `SELECT Delimiter AS delimiter, Quote AS quote, Escape AS escape, len(Columns) AS columns
     FROM sniff_csv(${quoteLiteral(path)}, ${readCsvArguments(options)}, ignore_errors = true)`,
  );
  const text = (value: unknown) => value === "(empty)" ? "" : String(value);
  return {
    delimiter: text(row.delimiter),
    quote: text(row.quote),
    escape: text(row.escape),
    columns: Number(row.columns),
  };
}
