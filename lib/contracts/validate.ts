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
 * ```ts
 * import { validateTables } from "./validate.ts";
 * import type { TableContract } from "./types.ts";
 * import { openDuckDb } from "../duckdb/mod.ts";
 * const dir = await Deno.makeTempDir();
 * const path = `${dir}/loans.parquet`; // e.g. data/raw/parquet/bureau.parquet
 * const conn = await openDuckDb({ threads: 1 });
 * await conn.run(`copy (select 1::BIGINT as id, -5.0 as amount) to '${path}' (format parquet)`);
 * const contract: TableContract = {
 *   formatVersion: 1,
 *   table: "loans",
 *   key: ["id"],
 *   columns: [
 *     { name: "id", type: "int", nullable: false },
 *     { name: "amount", type: "float", nullable: false, min: 0 },
 *   ],
 * };
 * const report = await validateTables(conn, [{ contract, path }], { name: "raw" });
 * conn.closeSync();
 * await Deno.remove(dir, { recursive: true });
 * if (report.counts.errorChecks !== 1) throw new Error("expected the negative amount");
 * ```
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
