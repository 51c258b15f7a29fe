/**
 * The SQLite backend through `node:sqlite`: WAL journal, one prepared insert run inside a
 * transaction per batch, so a batch is written whole or not at all.
 */
import { DatabaseSync } from "node:sqlite";
import { dirname } from "node:path";
import { canonicalTime, LOG_TABLE, SQLITE_SCHEMA } from "./schema.ts";
import { inputsJson, parseInputs } from "./json.ts";
import type { InferenceRecord, LoggedRecord, LogSink } from "./types.ts";

/** Opens (creating when absent) the SQLite log at `path`. */
export async function openSqliteSink(path: string): Promise<LogSink> {
  if (path !== ":memory:") await Deno.mkdir(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec("pragma journal_mode = wal");
  db.exec("pragma synchronous = normal"); // WAL + normal: durable across crashes of the process
  db.exec("pragma busy_timeout = 5000");
  db.exec(SQLITE_SCHEMA);
  const insert = db.prepare(
    `insert into ${LOG_TABLE} (request_id, "time", model_version, endpoint, inputs, score, tier)
     values (?, ?, ?, ?, ?, ?, ?)`,
  );
  const select = db.prepare(
    `select id, request_id, "time", model_version, endpoint, inputs, score, tier
     from ${LOG_TABLE} where "time" >= ? and "time" < ? and id > ? order by id limit ?`,
  );
  let open = true;
  return {
    write(records: InferenceRecord[]) {
      if (!open) return Promise.reject(new Error("Cannot write the inference log: it is closed"));
      db.exec("begin");
      try {
        for (const r of records) {
          insert.run(
            r.requestId,
            canonicalTime(r.time),
            r.modelVersion,
            r.endpoint,
            inputsJson(r.inputs),
            r.score,
            r.tier,
          );
        }
        db.exec("commit");
      } catch (error) {
        db.exec("rollback");
        return Promise.reject(error);
      }
      return Promise.resolve();
    },
    readWindow(from, to, afterId, limit) {
      const rows = select.all(from.toISOString(), to.toISOString(), afterId, limit);
      return Promise.resolve(rows.map((row): LoggedRecord => ({
        id: Number(row.id),
        requestId: String(row.request_id),
        time: String(row.time),
        modelVersion: String(row.model_version),
        endpoint: String(row.endpoint),
        inputs: parseInputs(row.inputs),
        score: row.score === null ? NaN : Number(row.score),
        tier: String(row.tier),
      })));
    },
    close() {
      if (open) db.close();
      open = false;
      return Promise.resolve();
    },
  };
}
