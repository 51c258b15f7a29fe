/**
 * Worker owning one SQLite log database, so inserts never run on the server's event
 * loop. Messages: { id, op: "open" | "write" | "read" | "close", … }; replies
 * { id, ok: true, result } or { id, ok: false, message }. A write's result is the log's
 * `FollowedCounts` (records lost to a deleted or replaced file).
 */
/// <reference lib="deno.worker" />
import { type FollowedSqliteLog, openFollowedSqliteLog } from "./sqlite_followed.ts";
import type { SqliteReply, SqliteRequest } from "./sqlite_messages.ts";
import { decodeSqliteRows } from "./sqlite_rows.ts";

let db: FollowedSqliteLog | undefined;

function handle(request: SqliteRequest): unknown {
  if (request.op === "open") {
    db = openFollowedSqliteLog(request.path);
    return undefined;
  }
  if (db === undefined) throw new Error("Cannot use the SQLite log: it is not open");
  switch (request.op) {
    case "write":
      return db.writeRows(decodeSqliteRows(request.rows));
    case "read":
      return db.readWindow(request.from, request.to, request.afterId, request.limit);
    case "close":
      db.close();
      db = undefined;
      return undefined;
  }
}

self.onmessage = (event: MessageEvent<SqliteRequest>) => {
  const request = event.data;
  let reply: SqliteReply;
  try {
    reply = { id: request.id, ok: true, result: handle(request) };
  } catch (error) {
    reply = {
      id: request.id,
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    };
  }
  self.postMessage(reply);
};
