/**
 * Reads the rows of a file to score (CSV or parquet) in chunks through DuckDB. CSV cells
 * are read as text and converted by the contract's column types here, so one bad cell
 * fails its own row's validation instead of turning its whole column into text.
 */
import { extname } from "node:path";
import { chunkColumnsJS, openDuckDb, queryRows, quoteLiteral } from "../duckdb/mod.ts";
import type { TableContract } from "../contracts/mod.ts";

/** A run of consecutive input rows; `firstRow` is the 1-based number of the first. */
export interface InputChunk {
  firstRow: number;
  rows: Record<string, unknown>[];
}

/** An input file opened for reading. */
export interface ScoringInput {
  /** Column names in file order. */
  columns: string[];
  /** Number of data rows. */
  rows: number;
  /** Yields the rows in file order, `chunkRows` at a time. */
  chunks(chunkRows: number): AsyncGenerator<InputChunk>;
  close(): void;
}

/**
 * Opens a .csv or .parquet file for scoring, converting CSV text by `contract`'s types
 * (no contract: CSV cells stay text, for a csv version that reads them by its own rules).
 * Rows carry only the columns `keep` accepts (all by default): leaving a column out beats
 * deleting it later, which turns every row object into a slow dictionary.
 */
export async function openScoringInput(
  path: string,
  contract: TableContract | undefined,
  keep: (column: string) => boolean = () => true,
): Promise<ScoringInput> {
  const format = extname(path).toLowerCase();
  if (format !== ".csv" && format !== ".parquet") {
    throw new RangeError(`Cannot score "${path}": the input must be a .csv or .parquet file`);
  }
  try {
    await Deno.stat(path);
  } catch {
    throw new Error(`Cannot score "${path}": the file does not exist`);
  }
  const source = format === ".csv"
    ? `read_csv(${quoteLiteral(path)}, header = true, all_varchar = true)`
    : `read_parquet(${quoteLiteral(path)})`;
  const conn = await openDuckDb({ threads: 1 });
  const described = await queryRows(conn, `describe select * from ${source}`);
  const columns = described.map((row) => String(row.column_name));
  const buildRow = compileRowBuilder(columns, keep);
  const [{ n }] = await queryRows(conn, `select count(*) as n from ${source}`);
  const convert = format === ".csv" && contract !== undefined
    ? csvConverter(contract)
    : (row: Record<string, unknown>) => row;
  return {
    columns,
    rows: Number(n),
    async *chunks(chunkRows) {
      const result = await conn.stream(`select * from ${source}`);
      let pending: Record<string, unknown>[] = [];
      let firstRow = 1;
      // Each DuckDB chunk's columns (fixed-width ones read from memory) become row objects
      // of one shape here.
      for await (const batch of result) {
        const values = chunkColumnsJS(batch);
        for (let i = 0; i < batch.rowCount; i++) pending.push(convert(buildRow(values, i)));
        while (pending.length >= chunkRows) {
          yield { firstRow, rows: pending.slice(0, chunkRows) };
          firstRow += chunkRows;
          pending = pending.slice(chunkRows);
        }
      }
      if (pending.length > 0) yield { firstRow, rows: pending };
    },
    close: () => conn.closeSync(),
  };
}

type Converter = (row: Record<string, unknown>) => Record<string, unknown>;

/**
 * Builds row i of a chunk's columns as an object literal with the kept column names
 * written out: 121 keyed stores made each row a dictionary-mode object, and reading its
 * fields for the features cost 6.6 µs a row against ~2.3 µs for a fast one.
 */
function compileRowBuilder(
  columns: readonly string[],
  keep: (column: string) => boolean,
): (values: readonly (readonly unknown[])[], i: number) => Record<string, unknown> {
  const fields = columns.flatMap((name, j) =>
    keep(name) ? [`${JSON.stringify(name)}: plain(values[${j}][i])`] : []
  );
  const source = `"use strict"; return (values, i) => ({ ${fields.join(", ")} });`;
  return new Function("plain", source)(plainValue);
}

/** A DuckDB value as plain JS: bigints as numbers, dates and other values as their text. */
function plainValue(value: unknown): unknown {
  if (value === null || typeof value !== "object") {
    return typeof value === "bigint" ? Number(value) : value;
  }
  return String(value);
}

/** Converts CSV text cells to the contract's types; text that does not parse stays text. */
function csvConverter(contract: TableContract): Converter {
  const types = new Map(contract.columns.map((c) => [c.name, c.type]));
  return (row) => {
    for (const [key, value] of Object.entries(row)) {
      if (typeof value !== "string") continue;
      const type = types.get(key);
      if (type === "int" || type === "float") row[key] = parseNumber(value);
      else if (type === "boolean") row[key] = parseBoolean(value);
    }
    return row;
  };
}

function parseNumber(text: string): number | string | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const value = Number(trimmed);
  // "NaN", "Infinity" parse and are then rejected as not finite by the contract.
  return Number.isNaN(value) && trimmed !== "NaN" ? text : value;
}

function parseBoolean(text: string): boolean | string | null {
  const lower = text.trim().toLowerCase();
  if (lower === "") return null;
  if (lower === "true") return true;
  if (lower === "false") return false;
  return text;
}
