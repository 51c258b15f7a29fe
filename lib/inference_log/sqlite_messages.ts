/** Messages between the SQLite sink and its worker. */
import type { InferenceRecord } from "./types.ts";

/** A request to the worker. */
export type SqliteRequest =
  | { id: number; op: "open"; path: string }
  | { id: number; op: "write"; records: InferenceRecord[] }
  | { id: number; op: "read"; from: string; to: string; afterId: number; limit: number }
  | { id: number; op: "close" };

/** The worker's reply. */
export type SqliteReply =
  | { id: number; ok: true; result?: unknown }
  | { id: number; ok: false; message: string };
