/**
 * The value checks a column contract implies, each as a SQL predicate that is true on a
 * failing row. The bulk validator counts them all in one scan per table.
 */
import { quoteIdent, quoteLiteral } from "../duckdb/mod.ts";
import type { ColumnContract, TableContract } from "./types.ts";

/** One row-level check on one column. */
export interface ColumnCheck {
  column: string;
  /** Check name as reported: not_null, finite, min, max, in_set, target_binary. */
  check: string;
  message: string;
  /** SQL boolean expression, true on a failing row (NULL counts as passing). */
  predicate: string;
}

/** Lists the row-level checks of one column of a table contract. */
export function columnChecks(table: TableContract, column: ColumnContract): ColumnCheck[] {
  const c = quoteIdent(column.name);
  const checks: ColumnCheck[] = [];
  const add = (check: string, message: string, predicate: string) =>
    checks.push({ column: column.name, check, message, predicate });
  if (!column.nullable) add("not_null", "Must not be null", `${c} IS NULL`);
  if (column.type === "float") {
    add("finite", "Must be a finite number (no NaN or Infinity)", `NOT isfinite(${c})`);
  }
  const finiteGuard = column.type === "float" ? ` AND isfinite(${c})` : "";
  const sentinels = column.sentinels ?? [];
  const notSentinel = sentinels.length > 0
    ? ` AND ${c} NOT IN (${sentinels.map(numberLiteral).join(", ")})`
    : "";
  const orSentinel = sentinels.length > 0 ? ` or a sentinel (${sentinels.join(", ")})` : "";
  if (column.min !== undefined) {
    add(
      "min",
      `Must be at least ${column.min}${orSentinel}`,
      `${c} < ${numberLiteral(column.min)}${finiteGuard}${notSentinel}`,
    );
  }
  if (column.max !== undefined) {
    add(
      "max",
      `Must be at most ${column.max}${orSentinel}`,
      `${c} > ${numberLiteral(column.max)}${finiteGuard}${notSentinel}`,
    );
  }
  if (column.type === "category" && column.levels !== undefined) {
    const levels = column.levels;
    add(
      "in_set",
      `Must be one of ${describeLevels(levels)}`,
      // list_contains beats a long NOT IN list several times over in DuckDB.
      levels.length === 0
        ? `${c} IS NOT NULL`
        : `${c} IS NOT NULL AND NOT list_contains([${levels.map(quoteLiteral).join(", ")}], ${c})`,
    );
  }
  if (table.target === column.name) add("target_binary", "Must be 0 or 1", `${c} NOT IN (0, 1)`);
  return checks;
}

/** Names the allowed levels in a message, shortening long lists. */
export function describeLevels(levels: string[]): string {
  const shown = levels.slice(0, 8).map((level) => JSON.stringify(level)).join(", ");
  const more = levels.length > 8 ? `, … (${levels.length} levels)` : "";
  return levels.length === 0 ? "no level (the level set is empty)" : `${shown}${more}`;
}

function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Cannot use ${value} as a contract bound`);
  return Number.isInteger(value) ? String(value) : `${value}::DOUBLE`;
}
