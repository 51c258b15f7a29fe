/**
 * A hash of what a parquet file holds rather than of its bytes: column names and types,
 * then every row in file order, so two files written differently (compression, row
 * groups, writer metadata) hash alike exactly when a reader sees the same table.
 */
import { createHash } from "node:crypto";
import type { DuckDBConnection } from "@duckdb/node-api";
import { quoteIdent, quoteLiteral } from "./quote.ts";
import { queryRows } from "./rows.ts";

/**
 * SHA-256 (hex) over the schema, the row count and two order-sensitive aggregates of a
 * per-row DuckDB hash of (row number, values). Floating-point values are hashed through
 * their shortest round-trip text, so -0, NaN and every bit of a double count.
 * @example
 * ```ts
 * import { openDuckDb, quoteLiteral } from "./mod.ts";
 * import { parquetContentHash } from "./content_hash.ts";
 * const conn = await openDuckDb({ threads: 1 });
 * const dir = await Deno.makeTempDir();
 * const path = `${dir}/t.parquet`;
 * await conn.run(`COPY (SELECT 1 AS x) TO ${quoteLiteral(path)} (FORMAT parquet)`);
 * const hash = await parquetContentHash(conn, path);
 * conn.closeSync();
 * await Deno.remove(dir, { recursive: true });
 * if (hash.length !== 64) throw new Error(`expected a hex SHA-256, got ${hash}`);
 * ```
 */
export async function parquetContentHash(conn: DuckDBConnection, path: string): Promise<string> {
  const source = `read_parquet(${quoteLiteral(path)}, file_row_number = true)`;
  const schema = await queryRows(
    conn,
    `SELECT column_name AS name, column_type AS type FROM (DESCRIBE SELECT * FROM ${source})`,
  );
  const columns = schema.filter((c) => c.name !== "file_row_number");
  const values = columns.map((c) => {
    const name = quoteIdent(String(c.name));
    return /^(DOUBLE|FLOAT|REAL)$/.test(String(c.type)) ? `${name}::VARCHAR` : name;
  });
  const [row] = await queryRows(
    conn,
    `SELECT count(*)::VARCHAR AS n, sum(h::HUGEINT)::VARCHAR AS total, bit_xor(h)::VARCHAR AS xor
     FROM (SELECT hash(file_row_number, ${values.join(", ")}) AS h FROM ${source})`,
  );
  const text = JSON.stringify({ columns, rows: row.n, total: row.total, xor: row.xor });
  return createHash("sha256").update(text).digest("hex");
}
