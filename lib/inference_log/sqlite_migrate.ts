/**
 * Brings a SQLite log made by an earlier riskpipe up to the current table: a log from
 * before shadow releases has no `pair_id` column, and gets it (null in its old rows).
 * `alter table … add column` is a schema change only in SQLite: no row is rewritten.
 */
import type { DatabaseSync } from "node:sqlite";
import { LOG_TABLE } from "./schema.ts";

/** Adds `pair_id` to the log table when it lacks it; returns whether it did. */
export function addPairIdColumn(db: DatabaseSync): boolean {
  const columns = db.prepare(`pragma table_info(${LOG_TABLE})`).all();
  if (columns.some((column) => column.name === "pair_id")) return false;
  db.exec(`alter table ${LOG_TABLE} add column pair_id text`);
  return true;
}
