/**
 * The one place riskpipe opens DuckDB. Stages and library code run SQL through these
 * helpers so quoting and type conversion are done the same way everywhere.
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
 * const conn = await openDuckDb();
 * const rows = await queryRows(conn, "select 42 as x");
 */
export async function openDuckDb(options: OpenDuckDbOptions = {}): Promise<DuckDBConnection> {
  const config: Record<string, string> = {};
  if (options.threads !== undefined) config.threads = String(options.threads);
  if (options.memoryLimit !== undefined) config.memory_limit = options.memoryLimit;
  const instance = await DuckDBInstance.create(options.path ?? ":memory:", config);
  return await instance.connect();
}

/** Quotes an identifier (table or column name) for SQL. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quotes a string literal (file paths included) for SQL. */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Runs a query and returns its rows as plain objects (BIGINT becomes number when safe). */
export async function queryRows(
  conn: DuckDBConnection,
  sql: string,
): Promise<Record<string, unknown>[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJS().map((row) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) out[key] = toPlain(value);
    return out;
  });
}

/**
 * Reads numeric columns of a query as Float64Arrays (NULL becomes NaN), the shape
 * the model code trains on.
 */
export async function queryNumericColumns(
  conn: DuckDBConnection,
  sql: string,
): Promise<{ names: string[]; columns: Float64Array[]; rows: number }> {
  const reader = await conn.runAndReadAll(sql);
  const names = reader.columnNames();
  const rows = reader.currentRowCount;
  const columns = reader.getColumnsJS().map((values, j) => {
    const out = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      const v = values[i];
      if (v === null || v === undefined) out[i] = NaN;
      else if (typeof v === "number") out[i] = v;
      else if (typeof v === "bigint") out[i] = Number(v);
      else if (typeof v === "boolean") out[i] = v ? 1 : 0;
      else {
        throw new TypeError(
          `Cannot read column "${names[j]}" as numbers: row ${i} holds ${
            JSON.stringify(String(v))
          }`,
        );
      }
    }
    return out;
  });
  return { names, columns, rows };
}

function toPlain(value: unknown): unknown {
  if (typeof value === "bigint") {
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  }
  return value;
}
