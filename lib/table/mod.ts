/**
 * Tables for notebooks: DuckDB query results as Arrow (flechette) and arquero tables.
 * @example
 * ```ts
 * import { openDuckDb } from "../duckdb/mod.ts";
 * import { queryTable } from "./mod.ts";
 * const conn = await openDuckDb({ threads: 1 });
 * const table = await queryTable(conn, "select 42 as x");
 * conn.closeSync();
 * if (table.get("x", 0) !== 42) throw new Error("expected 42");
 * ```
 */
export { queryArrow } from "./arrow.ts";
export { queryTable } from "./arquero.ts";
export { renderArqueroTable } from "./html.ts";
