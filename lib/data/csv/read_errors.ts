/**
 * Errors of reading the CSV itself, before any cell is typed: rows with the wrong number of
 * fields and other rows read_csv set aside, and a line longer than the reader's limit. Each
 * names the file, the physical lines and the rule.
 */
import { type DuckDBConnection, queryRows } from "../../duckdb/mod.ts";
import { type CsvDialect, REJECTS_LIMIT, REJECTS_TABLE } from "./dialect.ts";
import { firstLongRecord, physicalLines, type QuoteRule } from "./record_scan.ts";

/** Lines named in a message before "…". */
const SHOWN_LINES = 5;
const RAGGED = ["MISSING COLUMNS", "TOO MANY COLUMNS"];
const LINE_SIZE = /Maximum line size of (\d+) bytes exceeded/;

/** Throws naming the rows read_csv rejected, ragged rows with their field counts. */
export async function checkRejects(
  conn: DuckDBConnection,
  path: string,
  dialect: CsvDialect,
  headerFields: number,
): Promise<void> {
  const rows = await queryRows(
    conn,
    `SELECT line, error_type AS type, any_value(error_message) AS message, count(*) AS entries,
       max(TRY_CAST(regexp_extract(error_message, 'Found: (\\d+)', 1) AS BIGINT)) AS found
     FROM ${REJECTS_TABLE} GROUP BY line, error_type ORDER BY line, error_type`,
  );
  if (rows.length === 0) return;
  const tooLong = rows.find((row) => LINE_SIZE.test(String(row.message)));
  if (tooLong !== undefined) throw await lineTooLongError(path, dialect, String(tooLong.message));
  const ragged = rows.filter((row) => RAGGED.includes(String(row.type)));
  const chosen = ragged.length > 0 ? ragged : rows;
  const shown = chosen.slice(0, SHOWN_LINES);
  const lines = await physicalLines(path, dialect, shown.map((row) => Number(row.line)));
  const lineOf = (row: Record<string, unknown>) => lines.get(Number(row.line)) ?? row.line;
  const total = new Set(chosen.map((row) => Number(row.line))).size;
  // read_csv stops storing rejects at the limit (one per extra field of a long row).
  const stored = rows.reduce((sum, row) => sum + Number(row.entries), 0);
  const atLeast = stored >= REJECTS_LIMIT ? "at least " : "";
  if (ragged.length > 0) {
    const listed = shown.map((row) => `line ${lineOf(row)} has ${row.found ?? "?"}`);
    const more = total > shown.length ? `, … (${atLeast}${total} ragged lines)` : "";
    throw new SyntaxError(
      `Cannot ingest "${path}": ragged rows: the header has ${headerFields} fields but ` +
        `${listed.join(", ")}${more}`,
    );
  }
  const listed = shown.map((row) =>
    `line ${lineOf(row)}: ${String(row.type).toLowerCase()} (${row.message})`
  );
  const more = total > shown.length ? `; … (${atLeast}${total} lines)` : "";
  throw new SyntaxError(`Cannot ingest "${path}": unreadable rows: ${listed.join("; ")}${more}`);
}

/**
 * Turns DuckDB's "Maximum line size" error into one naming the physical line, the limit and
 * the param that raises it; undefined for any other error.
 */
export async function lineTooLongError(
  path: string,
  rule: QuoteRule,
  message: string,
): Promise<RangeError | undefined> {
  const match = message.match(LINE_SIZE);
  if (match === null) return undefined;
  const limit = Number(match[1]);
  // DuckDB counts the line break too; a record within two bytes of the limit may be the one.
  const record = await firstLongRecord(path, rule, limit - 2);
  const raise = "raise param data.csv.max_line_size (DuckDB's max_line_size)";
  const over = `over the csv reader's limit of ${limit} bytes per line`;
  return new RangeError(
    record === undefined
      ? `Cannot ingest "${path}": a line is ${over}; ${raise}`
      : `Cannot ingest "${path}": line ${record.line} is ${record.bytes} bytes, ${over}; ` +
        `${raise} above ${record.bytes}`,
  );
}
