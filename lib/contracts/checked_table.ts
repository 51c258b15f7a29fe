/**
 * What the checks of one table share: the table's view and usable columns, the findings
 * collector, and how failing rows are named (their key, or their row number).
 */
import { quoteIdent } from "../duckdb/mod.ts";
import type { CaseValue, FailureCase, Findings } from "./report.ts";
import type { TableContract } from "./types.ts";

/** The row-number column every contract view carries (0-based, from read_parquet). */
export const ROW_NUMBER = "file_row_number";

/** What the checks of one table learned, for the cross-table checks that follow. */
export interface CheckedTable {
  contract: TableContract;
  /** Quoted name of the temp view over the parquet file. */
  view: string;
  rows: number;
  /** Columns present with a fitting type; only these are checked further. */
  usable: Set<string>;
}

/** Options shared by the table and cross-table checks. */
export interface CheckOptions {
  findings: Findings;
  sampleSize: number;
}

/** Builds the row key of a sampled row: the contract key, or the 1-based row number. */
export function rowKeyOf(table: CheckedTable, row: Record<string, unknown>): FailureCase["rowKey"] {
  const key = table.contract.key;
  if (key.length > 0 && key.every((name) => table.usable.has(name))) {
    return Object.fromEntries(key.map((name) => [name, caseValue(row[name])]));
  }
  return { row: Number(row[ROW_NUMBER]) + 1 };
}

/** The SQL list of columns needed to build row keys, optionally qualified by an alias. */
export function rowKeyColumns(table: CheckedTable, alias = ""): string {
  const key = table.contract.key.filter((name) => table.usable.has(name));
  const prefix = alias === "" ? "" : `${alias}.`;
  return [...key.map(quoteIdent), ROW_NUMBER].map((column) => `${prefix}${column}`).join(", ");
}

/** Converts a DuckDB value into a JSON-safe failure-case value. */
export function caseValue(value: unknown): CaseValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : String(value);
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return value.toString();
  return String(value);
}
