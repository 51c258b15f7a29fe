/**
 * The example row a version stores for its API documentation: the first training row
 * (by the contract's key) that the request contract accepts, read from the raw table
 * exactly as ingest wrote it, so the example is a row a client really sends.
 */
import { rowSchema, type TableContract, validateRow } from "../contracts/mod.ts";
import { openDuckDb, queryRows, quoteIdent, quoteLiteral } from "../duckdb/mod.ts";

/** Rows read before giving up on finding one the contract accepts. */
const CANDIDATES = 100;

/**
 * Reads the example row from the raw parquet table `path`; undefined when none of its
 * first rows passes the request contract.
 */
export async function readExampleRow(
  path: string,
  contract: TableContract,
  omit: readonly string[],
): Promise<Record<string, unknown> | undefined> {
  const skip = new Set(omit);
  const columns = contract.columns.filter((c) => !skip.has(c.name)).map((c) => quoteIdent(c.name));
  const order = contract.key.length > 0
    ? ` order by ${contract.key.map(quoteIdent).join(", ")}`
    : "";
  const conn = await openDuckDb({ threads: 1 });
  try {
    const rows = await queryRows(
      conn,
      `select ${columns.join(", ")} from read_parquet(${quoteLiteral(path)})${order} ` +
        `limit ${CANDIDATES}`,
    );
    const schema = rowSchema(contract, { omit: [...omit] });
    return rows.find((row) => validateRow(schema, row).success);
  } finally {
    conn.closeSync();
  }
}
