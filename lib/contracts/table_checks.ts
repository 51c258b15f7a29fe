/**
 * Bulk validation of one parquet table against its contract, as SQL in DuckDB: one
 * DESCRIBE for the columns, one aggregate scan counting every row-level check and null,
 * one GROUP BY for key uniqueness, then a capped sample query per failing check.
 */
import { type DuckDBConnection, queryRows, quoteIdent, quoteLiteral } from "../duckdb/mod.ts";
import {
  caseValue,
  type CheckedTable,
  type CheckOptions,
  ROW_NUMBER,
  rowKeyColumns,
  rowKeyOf,
} from "./checked_table.ts";
import { type ColumnCheck, columnChecks } from "./column_checks.ts";
import { checkKey } from "./key_checks.ts";
import type { FailureCase } from "./report.ts";
import { checkColumns } from "./schema_checks.ts";
import { checkNullRates, checkRowFloor } from "./table_level.ts";
import type { TableContract } from "./types.ts";

export type { CheckedTable, CheckOptions } from "./checked_table.ts";

/** Validates one parquet file against a table contract, adding findings. */
export async function checkTable(
  conn: DuckDBConnection,
  contract: TableContract,
  path: string,
  options: CheckOptions,
): Promise<CheckedTable> {
  const view = quoteIdent(`contract_view_${contract.table}`);
  await conn.run(
    `CREATE OR REPLACE TEMP VIEW ${view} AS SELECT * FROM read_parquet(${
      quoteLiteral(path)
    }, file_row_number = true)`,
  );
  const usable = await checkColumns(conn, contract, view, options);
  const checks = contract.columns
    .filter((column) => usable.has(column.name))
    .flatMap((column) => columnChecks(contract, column));
  const table: CheckedTable = { contract, view, rows: 0, usable };
  options.findings.countChecks(checks.length);
  const counts = await countFailures(conn, table, checks);
  table.rows = counts.rows;
  options.findings.noteRows(contract.table, counts.rows);
  for (const [i, check] of checks.entries()) {
    if (counts.failures[i] === 0) continue;
    options.findings.add({
      table: contract.table,
      column: check.column,
      check: check.check,
      severity: "error",
      message: check.message,
      failures: counts.failures[i],
      sample: await sampleCases(conn, table, check, options.sampleSize),
    });
  }
  checkNullRates(contract, usable, counts, options);
  checkRowFloor(contract, counts.rows, options);
  await checkKey(conn, table, options);
  return table;
}

interface Counts {
  rows: number;
  failures: number[];
  nulls: Map<string, number>;
}

async function countFailures(
  conn: DuckDBConnection,
  table: CheckedTable,
  checks: ColumnCheck[],
): Promise<Counts> {
  const columns = table.contract.columns.filter((c) => table.usable.has(c.name));
  const terms = [
    "count(*) AS n",
    ...checks.map((check, i) => `count_if(${check.predicate}) AS f${i}`),
    ...columns.map((column, j) => `count(*) - count(${quoteIdent(column.name)}) AS z${j}`),
  ];
  const [row] = await queryRows(conn, `SELECT ${terms.join(", ")} FROM ${table.view}`);
  return {
    rows: Number(row.n),
    failures: checks.map((_, i) => Number(row[`f${i}`])),
    nulls: new Map(columns.map((column, j) => [column.name, Number(row[`z${j}`])])),
  };
}

async function sampleCases(
  conn: DuckDBConnection,
  table: CheckedTable,
  check: ColumnCheck,
  sampleSize: number,
): Promise<FailureCase[]> {
  const rows = await queryRows(
    conn,
    `SELECT ${rowKeyColumns(table)}, ${quoteIdent(check.column)} AS "value" FROM ${table.view}
     WHERE ${check.predicate} ORDER BY ${ROW_NUMBER} LIMIT ${sampleSize}`,
  );
  return rows.map((row) => ({
    table: table.contract.table,
    column: check.column,
    check: check.check,
    rowKey: rowKeyOf(table, row),
    value: caseValue(row.value),
  }));
}
