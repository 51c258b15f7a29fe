/**
 * The labelled predictions of a time window with the inputs they were scored on, for
 * retraining: each logged row joined with its outcome, and whether it is a shadow row (a
 * challenger's copy of a request another row answered: same request and pair id, logged
 * after it). SQLite or PostgreSQL, read through a connection of its own.
 */
import { DatabaseSync } from "node:sqlite";
import postgres from "postgres";
import { DEFAULT_SQLITE_PATH } from "./open.ts";
import { OUTCOMES_TABLE } from "./outcome_schema.ts";
import { parseInputs } from "./json.ts";
import { LOG_TABLE } from "./schema.ts";

/** One labelled logged row. */
export interface LabelledRequest {
  /** Row id in the inference log. */
  logId: number;
  requestId: string;
  /** Time of scoring, Unix milliseconds. */
  time: number;
  modelVersion: string;
  endpoint: string;
  /** The row as the client sent it. */
  inputs: Record<string, unknown>;
  outcome: 0 | 1;
  /** True for a shadow row: the client was answered by an earlier row of the same pair. */
  shadow: boolean;
}

/** Where the log is: PostgreSQL when `databaseUrl` is set, else the SQLite file. */
export interface LabelledRequestsSource {
  sqlitePath?: string;
  databaseUrl?: string;
}

const SELECT = (time: (bound: 1 | 2) => string) => `
  select l.id, l.request_id, l."time", l.model_version, l.endpoint, l.inputs, o.outcome,
    (l.pair_id is not null and exists (
      select 1 from ${LOG_TABLE} p
      where p.request_id = l.request_id and p.pair_id = l.pair_id and p.id < l.id
    )) as shadow
  from ${LOG_TABLE} l join ${OUTCOMES_TABLE} o on o.log_id = l.id
  where l."time" >= ${time(1)} and l."time" < ${time(2)}
  order by l."time", l.id`;

/**
 * The labelled rows scored in [from, to), oldest first (ties by log id).
 * @example
 * ```ts
 * import { readLabelledRequests } from "./labelled_requests.ts";
 * import { openOutcomeStore } from "./outcome_open.ts";
 * const dir = await Deno.makeTempDir();
 * await (await openOutcomeStore({ sqlitePath: `${dir}/log.db` })).close();
 * const rows = await readLabelledRequests(
 *   { sqlitePath: `${dir}/log.db` },
 *   new Date("2026-01-01"),
 *   new Date("2026-02-01"),
 * );
 * await Deno.remove(dir, { recursive: true });
 * if (rows.length !== 0) throw new Error("expected no labelled rows");
 * ```
 */
export async function readLabelledRequests(
  source: LabelledRequestsSource,
  from: Date,
  to: Date,
): Promise<LabelledRequest[]> {
  if (source.databaseUrl) return await readPostgres(source.databaseUrl, from, to);
  return readSqlite(source.sqlitePath ?? DEFAULT_SQLITE_PATH, from, to);
}

function readSqlite(path: string, from: Date, to: Date): LabelledRequest[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const hasOutcomes = db.prepare(
      "select 1 from sqlite_master where type = 'table' and name = ?",
    ).get(OUTCOMES_TABLE);
    if (hasOutcomes === undefined) return [];
    return db.prepare(SELECT(() => "?")).all(from.toISOString(), to.toISOString()).map((row) =>
      labelledRequest({ ...row, time: Date.parse(String(row.time)) })
    );
  } finally {
    db.close();
  }
}

async function readPostgres(url: string, from: Date, to: Date): Promise<LabelledRequest[]> {
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    const [tables] = await sql`
      select to_regclass(${OUTCOMES_TABLE}) is not null as outcomes,
        to_regclass(${LOG_TABLE}) is not null as log`;
    if (!tables.outcomes || !tables.log) return [];
    const rows = await sql.unsafe(
      SELECT((bound) => `$${bound}::timestamptz`),
      [from.toISOString(), to.toISOString()],
    );
    return rows.map((row) =>
      labelledRequest({ ...row, time: new Date(row.time as string | Date).getTime() })
    );
  } finally {
    await sql.end();
  }
}

function labelledRequest(row: Record<string, unknown>): LabelledRequest {
  return {
    logId: Number(row.id),
    requestId: String(row.request_id),
    time: Number(row.time),
    modelVersion: String(row.model_version),
    endpoint: String(row.endpoint),
    // PostgreSQL's jsonb arrives parsed, SQLite's text does not: parseInputs takes both.
    inputs: parseInputs(row.inputs),
    outcome: Number(row.outcome) === 1 ? 1 : 0,
    shadow: row.shadow === true || Number(row.shadow) === 1,
  };
}
