/**
 * The SQLite log database itself, through `node:sqlite`: WAL journal, one prepared insert
 * run inside a transaction per batch (whole or not at all), keyset-paged window reads.
 * It runs synchronously, so the sink runs it in a worker (sqlite_worker.ts).
 */
import { DatabaseSync } from "node:sqlite";
import { LOG_TABLE, SQLITE_ADDED_COLUMNS, SQLITE_SCHEMA } from "./schema.ts";
import { loggedOutlier } from "./outlier_column.ts";
import { loggedRelease } from "./release_columns.ts";
import { parseInputs } from "./json.ts";
import { decodeSqliteRows, encodeSqliteRows, type SqliteRow } from "./sqlite_rows.ts";
import type { InferenceRecord, LoggedRecord } from "./types.ts";

/** An open SQLite log. */
export interface SqliteLogDb {
  write(records: InferenceRecord[]): void;
  /** Inserts rows already in column form (what the worker receives; inputs are UTF-8). */
  writeRows(rows: SqliteRow[]): void;
  readWindow(from: string, to: string, afterId: number, limit: number): LoggedRecord[];
  close(): void;
}

/** Opens (creating when absent) the log database at `path`; its directory must exist. */
export function openSqliteLogDb(path: string): SqliteLogDb {
  const db = new DatabaseSync(path);
  prepareSqliteLog(db);
  const insert = db.prepare(
    `insert into ${LOG_TABLE}
       (request_id, "time", model_version, endpoint, inputs, score, tier, pair_id,
        outlier_score, outlier_flag, shadow, latency_ms)
     values (?, ?, ?, ?, cast(? as text), ?, ?, ?, ?, ?, ?, ?)`,
  );
  const select = db.prepare(
    `select id, request_id, "time", model_version, endpoint, inputs, score, tier, pair_id,
       outlier_score, outlier_flag, shadow, latency_ms
     from ${LOG_TABLE} where "time" >= ? and "time" < ? and id > ? order by id limit ?`,
  );
  const writeRows = (rows: SqliteRow[]): void => {
    db.exec("begin");
    try {
      for (const row of rows) insert.run(...row);
      db.exec("commit");
    } catch (error) {
      db.exec("rollback");
      throw error;
    }
  };
  return {
    write(records) {
      writeRows(decodeSqliteRows(encodeSqliteRows(records)));
    },
    writeRows,
    readWindow(from, to, afterId, limit) {
      return select.all(from, to, afterId, limit).map((row): LoggedRecord => ({
        id: Number(row.id),
        requestId: String(row.request_id),
        time: String(row.time),
        modelVersion: String(row.model_version),
        endpoint: String(row.endpoint),
        inputs: parseInputs(row.inputs),
        score: row.score === null ? NaN : Number(row.score),
        tier: String(row.tier),
        ...(row.pair_id === null ? {} : { pairId: String(row.pair_id) }),
        ...loggedOutlier(row.outlier_score, row.outlier_flag),
        ...loggedRelease(row.shadow, row.latency_ms),
      }));
    },
    close: () => db.close(),
  };
}

/**
 * Sets a log database's pragmas and creates its table when absent: every connection to the
 * log file (the worker's, the outcome store's) opens it the same way.
 */
export function prepareSqliteLog(db: DatabaseSync): void {
  // 16 KiB pages hold four ~3 KB /predict records where 4 KiB pages held one: measured
  // 10.8 against 13.9 µs a record and 16% less disk. It only takes on a new database.
  db.exec("pragma page_size = 16384");
  db.exec("pragma journal_mode = wal");
  // Checkpoint every 4 MiB of WAL, as SQLite's default does with 4 KiB pages: shorter
  // bursts of checkpoint work beside the server.
  db.exec("pragma wal_autocheckpoint = 256");
  db.exec("pragma synchronous = normal"); // WAL + normal: a process crash loses nothing committed
  db.exec("pragma busy_timeout = 5000");
  db.exec(SQLITE_SCHEMA);
  addMissingColumns(db);
}

/** Adds the columns a log created by an older riskpipe lacks (see SQLITE_ADDED_COLUMNS). */
function addMissingColumns(db: DatabaseSync): void {
  const present = new Set(
    db.prepare(`pragma table_info(${LOG_TABLE})`).all().map((c) => String(c.name)),
  );
  for (const [name, type] of SQLITE_ADDED_COLUMNS) {
    if (!present.has(name)) db.exec(`alter table ${LOG_TABLE} add column ${name} ${type}`);
  }
}
