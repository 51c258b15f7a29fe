/** Key uniqueness of a table, as a GROUP BY (with a hashed fast path for composite keys). */
import { type DuckDBConnection, queryRows, quoteIdent } from "../duckdb/mod.ts";
import { caseValue, type CheckedTable, type CheckOptions } from "./checked_table.ts";

/** Reports key values shared by several rows; the value of a case is its row count. */
export async function checkKey(
  conn: DuckDBConnection,
  table: CheckedTable,
  { findings, sampleSize }: CheckOptions,
): Promise<void> {
  const key = table.contract.key;
  if (key.length === 0 || !key.every((name) => table.usable.has(name))) return;
  findings.countChecks(1);
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
