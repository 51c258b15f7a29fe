/**
 * Worker owning one SQLite log database, so inserts never run on the server's event
 * loop. Messages: { id, op: "open" | "write" | "read" | "close", … }; replies
 * { id, ok: true, result } or { id, ok: false, message }.
 */
/// <reference lib="deno.worker" />
import { openSqliteLogDb, type SqliteLogDb } from "./sqlite_db.ts";
import type { SqliteReply, SqliteRequest } from "./sqlite_messages.ts";
import { decodeSqliteRows } from "./sqlite_rows.ts";

let db: SqliteLogDb | undefined;

function handle(request: SqliteRequest): unknown {
  if (request.op === "open") {
    db = openSqliteLogDb(request.path);
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
