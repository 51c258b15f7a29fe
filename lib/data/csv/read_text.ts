/**
 * Reads the CSV into the text table once it is known to be a table: a header line, header
 * names that are unique, every row with the header's number of fields, lines within the
 * reader's limit, at least one row. Each refusal names the file, the line and the rule.
 */
import { type DuckDBConnection, queryRows } from "../../duckdb/mod.ts";
import { sniffDialect } from "./dialect.ts";
import { checkHeaderNames, readHeaderLine, splitHeaderLine } from "./header.ts";
import { checkRejects, lineTooLongError } from "./read_errors.ts";
import type { QuoteRule } from "./record_scan.ts";
import { loadText, type LoadTextOptions, TEXT_TABLE } from "./text_table.ts";

/** DuckDB's default max_line_size, bounding how much of line 1 is read as the header. */
const DEFAULT_MAX_LINE_SIZE = 2_000_000;
/** The quoting assumed before the sniffer has said otherwise. */
const DOUBLE_QUOTES: QuoteRule = { quote: '"', escape: '"' };

/**
 * Loads the CSV into the text table and returns its header's column names.
 * @example
 * ```ts
 * import { readCsvText } from "./read_text.ts";
 * import { openDuckDb } from "../../duckdb/mod.ts";
 * const path = await Deno.makeTempFile({ suffix: ".csv" });
 * await Deno.writeTextFile(path, "id,age,y\n1,30,bad\n2,41,good\n");
 * const conn = await openDuckDb({ threads: 1 });
 * const columns = await readCsvText(conn, path, { maxLineSize: 8_000_000 });
 * conn.closeSync();
 * await Deno.remove(path);
 * if (columns.join() !== "id,age,y") throw new Error(`got ${columns}`);
 * ```
 */
export async function readCsvText(
  conn: DuckDBConnection,
  path: string,
  options: LoadTextOptions = {},
): Promise<string[]> {
  const header = await readHeaderLine(path, options.maxLineSize ?? DEFAULT_MAX_LINE_SIZE);
  if (header === undefined) {
    throw new SyntaxError(`Cannot ingest "${path}": file is empty (no header line)`);
  }
  if (header.trim() === "") {
    throw new SyntaxError(`Cannot ingest "${path}": line 1 is blank (no header line)`);
  }
  const dialect = await withLineLimit(path, DOUBLE_QUOTES, () => sniffDialect(conn, path, options));
  const names = splitHeaderLine(header, dialect);
  // Should the line not split as the sniffer counted, DuckDB's reading is the one to trust.
  if (names.length === dialect.columns) checkHeaderNames(path, names);
  const columns = await withLineLimit(path, dialect, () => loadText(conn, path, options));
  await checkRejects(conn, path, dialect, columns.length);
  const [{ rows }] = await queryRows(conn, `SELECT count(*) AS rows FROM ${TEXT_TABLE}`);
  if (Number(rows) === 0) {
    throw new SyntaxError(`Cannot ingest "${path}": file has a header but no rows`);
  }
  return columns;
}

async function withLineLimit<T>(path: string, rule: QuoteRule, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw (await lineTooLongError(path, rule, String((error as Error)?.message))) ?? error;
  }
}
