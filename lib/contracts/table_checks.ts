/**
 * Bulk validation of one parquet table against its contract, as SQL in DuckDB: one
 * DESCRIBE for the columns, one aggregate scan counting every row-level check and null,
 * one GROUP BY for key uniqueness, then a capped sample query per failing check.
 */
import { type DuckDBConnection, queryRows, quoteIdent } from "../data/duckdb.ts";
import { type ColumnCheck, columnChecks } from "./column_checks.ts";
import { fitsType } from "./physical_types.ts";
import type { CaseValue, CheckResult, FailureCase, Findings } from "./report.ts";
import type { ColumnContract, TableContract } from "./types.ts";

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
      sqlString(path)
    }, file_row_number = true)`,
  );
  const usable = await checkColumns(conn, contract, view, options);
  const checks = contract.columns
    .filter((column) => usable.has(column.name))
    .flatMap((column) => columnChecks(contract, column));
  const table: CheckedTable = { contract, view, rows: 0, usable };
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

/** Quotes a file path as a SQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

async function checkColumns(
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

function checkNullRates(
  contract: TableContract,
  usable: Set<string>,
  counts: Counts,
  { findings }: CheckOptions,
): void {
  if (counts.rows === 0) return;
  for (const column of contract.columns) {
    if (!usable.has(column.name)) continue;
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

function checkRowFloor(contract: TableContract, rows: number, { findings }: CheckOptions): void {
  if (contract.minRows === undefined || rows >= contract.minRows) return;
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

async function checkKey(
  conn: DuckDBConnection,
  table: CheckedTable,
  { findings, sampleSize }: CheckOptions,
): Promise<void> {
  const key = table.contract.key;
  if (key.length === 0 || !key.every((name) => table.usable.has(name))) return;
  const cols = key.map(quoteIdent).join(", ");
  if (key.length > 1 && await hashesAreUnique(conn, table.view, cols)) return;
  const duplicated = `SELECT ${cols}, count(*) AS "value" FROM ${table.view}
    GROUP BY ${cols} HAVING count(*) > 1`;
  const [{ n }] = await queryRows(conn, `SELECT count(*) AS n FROM (${duplicated})`);
  if (Number(n) === 0) return;
  const rows = await queryRows(conn, `${duplicated} ORDER BY ${cols} LIMIT ${sampleSize}`);
  const column = key.length === 1 ? key[0] : null;
  findings.add({
    table: table.contract.table,
    column,
    check: "unique",
    severity: "error",
    message: `Key (${key.join(", ")}) must be unique; the value is the number of rows sharing it`,
    failures: Number(n),
    sample: rows.map((row) => ({
      table: table.contract.table,
      column,
      check: "unique",
      rowKey: Object.fromEntries(key.map((name) => [name, caseValue(row[name])])),
      value: caseValue(row.value),
    })),
  });
}

/**
 * Fast path for composite keys: grouping one 64-bit hash is about twice as fast as
 * grouping the columns. Equal keys have equal hashes, so unique hashes prove a unique
 * key; a shared hash (a duplicate or a collision) falls back to the exact GROUP BY.
 */
async function hashesAreUnique(
  conn: DuckDBConnection,
  view: string,
  cols: string,
): Promise<boolean> {
  const [{ n }] = await queryRows(
    conn,
    `SELECT count(*) AS n FROM (SELECT hash(${cols}) AS h FROM ${view}
     GROUP BY h HAVING count(*) > 1)`,
  );
  return Number(n) === 0;
}
