/**
 * Writes tiny hand-made Home Credit tables into DuckDB for feature tests: every column
 * of the schema with its DuckDB type, cells not given left NULL.
 */
import type { DuckDBConnection } from "../../lib/duckdb/mod.ts";
import { quoteIdent, quoteLiteral } from "../../lib/duckdb/mod.ts";
import { type TableName, tableSchema } from "../../lib/contracts/home_credit_schema.ts";

/** A fixture cell: number (NaN and ±Infinity allowed in DOUBLE columns), text or null. */
export type Cell = number | string | null;

const SQL_TYPES = { int64: "BIGINT", float64: "DOUBLE", object: "VARCHAR" } as const;

/** Creates `table` with the full schema and inserts the given partial rows. */
export async function createFixtureTable(
  conn: DuckDBConnection,
  table: TableName,
  rows: readonly Record<string, Cell>[],
): Promise<void> {
  const columns = tableSchema(table).columns;
  const known = new Set(columns.map((c) => c.name));
  for (const row of rows) {
    for (const name of Object.keys(row)) {
      if (!known.has(name)) throw new RangeError(`Fixture column "${name}" is not in ${table}`);
    }
  }
  const definition = columns.map((c) => `${quoteIdent(c.name)} ${SQL_TYPES[c.dtype]}`).join(", ");
  await conn.run(`CREATE OR REPLACE TABLE ${quoteIdent(table)} (${definition})`);
  if (rows.length === 0) return;
  const values = rows.map((row) => `(${columns.map((c) => literal(row[c.name])).join(", ")})`);
  await conn.run(`INSERT INTO ${quoteIdent(table)} VALUES ${values.join(", ")}`);
}

function literal(value: Cell | undefined): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "string") return quoteLiteral(value);
  if (Number.isFinite(value)) return String(value);
  return `CAST(${quoteLiteral(String(value))} AS DOUBLE)`;
}
