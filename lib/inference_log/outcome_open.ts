/** Opens the outcome store beside the inference log: PostgreSQL when a URL is given, else SQLite. */
import { DEFAULT_SQLITE_PATH } from "./open.ts";
import { openPostgresOutcomeStore } from "./postgres_outcomes.ts";
import { openSqliteOutcomeStore } from "./sqlite_outcomes.ts";
import type { OutcomeStore } from "./outcome_types.ts";

/**
 * Opens the outcomes of the log the server writes to.
 * @example
 * ```ts
 * import { openOutcomeStore } from "./outcome_open.ts";
 * const dir = await Deno.makeTempDir();
 * const outcomes = await openOutcomeStore({ sqlitePath: `${dir}/log.db` });
 * const now = new Date("2026-12-01T00:00:00Z");
 * const summary = await outcomes.record([{ request_id: "never", outcome: 1, observed_at: "2026-11-30" }], { now });
 * await outcomes.close();
 * await Deno.remove(dir, { recursive: true });
 * if (summary.rows[0].issues[0].rule !== "unknown_request") throw new Error("expected unknown_request");
 * ```
 */
export function openOutcomeStore(
  options: { sqlitePath?: string; databaseUrl?: string },
): Promise<OutcomeStore> {
  return options.databaseUrl
    ? openPostgresOutcomeStore(options.databaseUrl)
    : openSqliteOutcomeStore(options.sqlitePath ?? DEFAULT_SQLITE_PATH);
}
