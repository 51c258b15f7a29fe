/**
 * Column-set checks of a table, from DESCRIBE alone: every contract column present with
 * a fitting type, no unexpected column, the contract's order.
 */
import { type DuckDBConnection, queryRows } from "../duckdb/mod.ts";
import { type CheckOptions, ROW_NUMBER } from "./checked_table.ts";
import { fitsType } from "./physical_types.ts";
import type { CaseValue } from "./report.ts";
import type { TableContract } from "./types.ts";

/** Checks the columns of a table's view; returns the columns fit for value checks. */
export async function checkColumns(
  conn: DuckDBConnection,
  contract: TableContract,
  view: string,
  { findings }: CheckOptions,
): Promise<Set<string>> {
  const described = await queryRows(conn, `DESCRIBE SELECT * EXCLUDE (${ROW_NUMBER}) FROM ${view}`);
  const actual = described.map((row) => ({
    name: String(row.column_name),
    type: String(row.column_type),
  }));
  const actualByName = new Map(actual.map((column) => [column.name, column.type]));
  const expected = new Set(contract.columns.map((column) => column.name));
  const usable = new Set<string>();
  // Presence and type of each contract column, then no unexpected column, then the order.
  findings.countChecks(contract.columns.length + 2);
  const schemaCase = (column: string, check: string, message: string, value: CaseValue) =>
    findings.add({
      table: contract.table,
      column,
      check,
      severity: "error",
      message,
      failures: 1,
      sample: [{ table: contract.table, column, check, rowKey: null, value }],
    });
  for (const column of contract.columns) {
    const type = actualByName.get(column.name);
    if (type === undefined) {
      schemaCase(column.name, "column_present", "Must be present", null);
    } else if (!fitsType(type, column.type)) {
      schemaCase(column.name, "dtype", `Must have a type that fits "${column.type}"`, type);
    } else {
      usable.add(column.name);
    }
  }
  for (const column of actual) {
    if (!expected.has(column.name)) {
      schemaCase(column.name, "unexpected_column", "Must not be present", column.type);
    }
  }
  const actualOrder = actual.map((c) => c.name).filter((name) => expected.has(name));
  const expectedOrder = contract.columns.map((c) => c.name).filter((n) => actualByName.has(n));
  const at = expectedOrder.findIndex((name, i) => actualOrder[i] !== name);
  if (at >= 0) {
    schemaCase(
      expectedOrder[at],
      "column_order",
      `Must be column ${at + 1} of the contract's order`,
      actualOrder[at],
    );
  }
  return usable;
}
