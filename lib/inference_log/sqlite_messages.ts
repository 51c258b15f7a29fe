/** Messages between the SQLite sink and its worker. */
import type { EncodedSqliteRows } from "./sqlite_rows.ts";

/** A request to the worker (a write carries `encodeSqliteRows` output, its buffer transferred). */
export type SqliteRequest =
  | { id: number; op: "open"; path: string }
  | { id: number; op: "write"; rows: EncodedSqliteRows }
  | { id: number; op: "read"; from: string; to: string; afterId: number; limit: number }
  | { id: number; op: "close" };

/** The worker's reply. */
export type SqliteReply =
  | { id: number; ok: true; result?: unknown }
  | { id: number; ok: false; message: string };
