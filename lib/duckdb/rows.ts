/** Query results as plain row objects. */
import type { DuckDBConnection } from "@duckdb/node-api";

/** Runs a query and returns its rows as plain objects (BIGINT becomes number when safe). */
export async function queryRows(
  conn: DuckDBConnection,
  sql: string,
): Promise<Record<string, unknown>[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJS().map((row) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) out[key] = toPlain(value);
    return out;
  });
}

function toPlain(value: unknown): unknown {
  if (typeof value === "bigint") {
    return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  }
  return value;
}
