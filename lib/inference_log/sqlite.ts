/**
 * The SQLite backend: the database lives in a worker (sqlite_worker.ts), so a batch
 * insert costs the server's event loop encoding the batch (sqlite_rows.ts), not the writes.
 * The worker follows the file's path (sqlite_followed.ts): a deleted or replaced database is
 * reopened and what it held is counted in `lost()`.
 */
import { dirname, resolve } from "node:path";
import type { FollowedCounts } from "./sqlite_followed.ts";
import type { SqliteReply, SqliteRequest } from "./sqlite_messages.ts";
import { type EncodedSqliteRows, encodeSqliteRows } from "./sqlite_rows.ts";
import type { LoggedRecord, LogSink } from "./types.ts";

type Body<T> = T extends unknown ? Omit<T, "id"> : never;

/** Opens (creating when absent) the SQLite log at `path` in a worker of its own. */
export async function openSqliteSink(path: string): Promise<LogSink> {
  const file = path === ":memory:" ? path : resolve(path);
  if (file !== ":memory:") await Deno.mkdir(dirname(file), { recursive: true });
  const worker = new Worker(new URL("./sqlite_worker.ts", import.meta.url), { type: "module" });
  const waiting = new Map<number, { resolve(value: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  let broken: Error | undefined;
  let closed = false;
  let lost = 0;
  const failAll = (error: Error) => {
    broken = error;
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  worker.onmessage = (event: MessageEvent<SqliteReply>) => {
    const reply = event.data;
    const w = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (reply.ok) w?.resolve(reply.result);
    else w?.reject(new Error(reply.message));
  };
  worker.onerror = (event) => {
    event.preventDefault();
    failAll(new Error(`Cannot write the SQLite log: its worker failed: ${event.message}`));
  };
  const call = <T>(request: Body<SqliteRequest>, transfer: Transferable[] = []): Promise<T> => {
    if (broken) return Promise.reject(broken);
    if (closed) return Promise.reject(new Error("Cannot use the SQLite log: it is closed"));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ ...request, id }, transfer);
    });
  };
  try {
    await call({ op: "open", path: file });
  } catch (error) {
    worker.terminate();
    throw error;
  }
  return {
    write(records) {
      let rows: EncodedSqliteRows;
      try {
        rows = encodeSqliteRows(records);
      } catch (error) {
        return Promise.reject(error);
      }
      return call<FollowedCounts>({ op: "write", rows }, [rows.inputs.buffer]).then((counts) => {
        lost = counts.lost;
      });
    },
    lost: () => lost,
    readWindow: (from, to, afterId, limit) =>
      call<LoggedRecord[]>({
        op: "read",
        from: from.toISOString(),
        to: to.toISOString(),
        afterId,
        limit,
      }),
    async close() {
      if (closed) return;
      await call({ op: "close" }).catch(() => {});
      closed = true;
      worker.terminate();
    },
  };
}
