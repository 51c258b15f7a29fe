/** Bulk validation of a set of parquet tables against their contracts, lazily reported. */
import type { DuckDBConnection } from "../duckdb/mod.ts";
import { checkForeignKeys } from "./foreign_keys.ts";
import { createFindings, type ValidationReport } from "./report.ts";
import { type CheckedTable, checkTable } from "./table_checks.ts";
import type { TableContract } from "./types.ts";

/** One table to validate: its contract and its parquet file. */
export interface TableInput {
  contract: TableContract;
  path: string;
}

/** Options for {@link validateTables}. */
export interface ValidateOptions {
  /** Report name, e.g. "raw" (written to reports/validation/raw.json by stages). */
  name: string;
  /** Failure cases kept per check (default 20). */
  sampleSize?: number;
  /** Called before each table and before the foreign keys: steps done, of all, and the next. */
  onProgress?: (done: number, total: number, next: string) => void;
}

/**
 * Validates parquet tables against their contracts and returns every finding; it does
 * not throw on failures (call `assertValid(report)` for that).
 * @example
 * const report = await validateTables(conn, [{ contract, path: "data/raw/parquet/bureau.parquet" }], { name: "raw" });
 */
export async function validateTables(
  conn: DuckDBConnection,
  inputs: TableInput[],
  options: ValidateOptions,
): Promise<ValidationReport> {
  const sampleSize = options.sampleSize ?? 20;
  const findings = createFindings(sampleSize);
  const checked: CheckedTable[] = [];
  const steps = inputs.length + 1;
  for (const [i, input] of inputs.entries()) {
    options.onProgress?.(i, steps, input.contract.table);
    checked.push(await checkTable(conn, input.contract, input.path, { findings, sampleSize }));
  }
  options.onProgress?.(inputs.length, steps, "foreign keys");
  await checkForeignKeys(conn, checked, { findings, sampleSize });
  options.onProgress?.(steps, steps, "done");
  return findings.report(options.name);
}
