/** Table-level checks from the aggregate scan's counts: null-rate ceilings, row floor. */
import type { CheckOptions } from "./checked_table.ts";
import type { CheckResult } from "./report.ts";
import type { ColumnContract, TableContract } from "./types.ts";

/** Null-cell counts per column, from the aggregate scan. */
export interface NullCounts {
  rows: number;
  nulls: Map<string, number>;
}

/** Adds an error above `maxNullRate` and a warning above `warnNullRate`. */
export function checkNullRates(
  contract: TableContract,
  usable: Set<string>,
  counts: NullCounts,
  { findings }: CheckOptions,
): void {
  if (counts.rows === 0) return;
  for (const column of contract.columns) {
    if (!usable.has(column.name)) continue;
    findings.countChecks(
      Number(column.maxNullRate !== undefined) + Number(column.warnNullRate !== undefined),
    );
    const rate = (counts.nulls.get(column.name) ?? 0) / counts.rows;
    const limits: [number | undefined, "error" | "warning", string][] = [
      [column.maxNullRate, "error", "max_null_rate"],
      [column.warnNullRate, "warning", "null_rate"],
    ];
    for (const [limit, severity, check] of limits) {
      if (limit === undefined || rate <= limit) continue;
      findings.add(nullRateFinding(contract, column, check, severity, limit, rate));
    }
  }
}

function nullRateFinding(
  contract: TableContract,
  column: ColumnContract,
  check: string,
  severity: "error" | "warning",
  limit: number,
  rate: number,
): CheckResult {
  const value = Math.round(rate * 1e6) / 1e6;
  return {
    table: contract.table,
    column: column.name,
    check,
    severity,
    message: `Null rate must be at most ${limit}`,
    failures: 1,
    sample: [{ table: contract.table, column: column.name, check, rowKey: null, value }],
  };
}

/** Adds an error when the table has fewer rows than its floor. */
export function checkRowFloor(
  contract: TableContract,
  rows: number,
  { findings }: CheckOptions,
): void {
  if (contract.minRows === undefined) return;
  findings.countChecks(1);
  if (rows >= contract.minRows) return;
  findings.add({
    table: contract.table,
    column: null,
    check: "min_rows",
    severity: "error",
    message: `Must have at least ${contract.minRows} rows`,
    failures: 1,
    sample: [{ table: contract.table, column: null, check: "min_rows", rowKey: null, value: rows }],
  });
}
