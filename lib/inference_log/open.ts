/** Opens the inference log the server writes to: PostgreSQL when a URL is given, else SQLite. */
import { type BufferOptions, createBufferedLogStore } from "./buffered.ts";
import { openPostgresSink } from "./postgres.ts";
import { openSqliteSink } from "./sqlite.ts";
import type { LogSink, LogStore } from "./types.ts";

/** Default SQLite file of the inference log. */
export const DEFAULT_SQLITE_PATH = "data/inference_log/log.db";

/** Where the log lives and how it batches. */
export interface LogStoreOptions extends BufferOptions {
  /** SQLite file (default data/inference_log/log.db); ignored when `databaseUrl` is set. */
  sqlitePath?: string;
  /** PostgreSQL URL (postgres://user:password@host:port/db). */
  databaseUrl?: string;
}

/**
 * Opens the buffered inference log.
 * @example
 * ```ts
 * import { openLogStore } from "./open.ts";
 * const dir = await Deno.makeTempDir();
 * // `{ databaseUrl: Deno.env.get("DATABASE_URL") }` logs to PostgreSQL instead
 * const logStore = await openLogStore({ sqlitePath: `${dir}/log.db` });
 * await logStore.close();
 * await Deno.remove(dir, { recursive: true });
 * if (logStore.stats().dropped !== 0) throw new Error("expected nothing dropped");
 * ```
 */
export async function openLogStore(options: LogStoreOptions = {}): Promise<LogStore> {
  return createBufferedLogStore(await openLogSink(options), options);
}

/** Opens the backend alone (for export and tests). */
export function openLogSink(
  options: { sqlitePath?: string; databaseUrl?: string },
): Promise<LogSink> {
  return options.databaseUrl
    ? openPostgresSink(options.databaseUrl)
    : openSqliteSink(options.sqlitePath ?? DEFAULT_SQLITE_PATH);
}
