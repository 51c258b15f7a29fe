/**
 * The PostgreSQL backend through the `postgres` client: the table is created on first
 * use (so a database that is down at start-up only delays logging), and each batch is one
 * `insert … select from unnest(…)` statement, atomic and free of parameter-count limits.
 */
import postgres from "postgres";
import { canonicalTime, LOG_TABLE, POSTGRES_DDL_LOCK, POSTGRES_SCHEMA } from "./schema.ts";
import { parseInputs, recordInputsJson } from "./json.ts";
import { loggedOutlier } from "./outlier_column.ts";
import { loggedRelease } from "./release_columns.ts";
import type { InferenceRecord, LoggedRecord, LogSink } from "./types.ts";

/** Options for {@link openPostgresSink}. */
export interface PostgresSinkOptions {
  /** Seconds to wait for a connection before a write fails (default 5). */
  connectTimeoutSeconds?: number;
}

/** Connects (lazily) to the PostgreSQL log at `databaseUrl`. */
export function openPostgresSink(
  databaseUrl: string,
  options: PostgresSinkOptions = {},
): Promise<LogSink> {
  const sql = postgres(databaseUrl, {
    max: 2,
    connect_timeout: options.connectTimeoutSeconds ?? 5,
    idle_timeout: 30,
    onnotice: () => {},
  });
  let ready: Promise<void> | undefined;
  // Under the DDL lock: replicas starting at once would collide in the catalogue.
  const ensureTable = (): Promise<void> => {
    ready ??= sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${POSTGRES_DDL_LOCK})`;
      await tx.unsafe(POSTGRES_SCHEMA).simple();
    }).then(() => {}, (error) => {
      ready = undefined; // try again on the next write
      throw error;
    });
    return ready;
  };
  return Promise.resolve({
    async write(records: InferenceRecord[]) {
      await ensureTable();
      await insertLogRecords(sql, records);
    },
    async readWindow(from, to, afterId, limit) {
      await ensureTable();
      const rows = await sql`
        select id, request_id, "time", model_version, endpoint, inputs::text as inputs, score, tier,
          pair_id, outlier_score, outlier_flag, shadow, latency_ms
        from ${sql(LOG_TABLE)}
        where "time" >= ${from.toISOString()}::timestamptz and "time" < ${to.toISOString()}::timestamptz
          and id > ${afterId}
        order by id limit ${limit}`;
      return rows.map((row): LoggedRecord => ({
        id: Number(row.id),
        requestId: String(row.request_id),
        time: new Date(row.time as string | Date).toISOString(),
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
    async close() {
      await sql.end({ timeout: 5 });
    },
  });
}

/**
 * Inserts records into the log table in one statement, on a connection or inside a
 * transaction (the JetStream consumer writes them beside its receipts, lib/stream/).
 */
export async function insertLogRecords(
  sql: postgres.Sql | postgres.TransactionSql,
  records: readonly InferenceRecord[],
): Promise<void> {
  await sql`
    insert into ${sql(LOG_TABLE)}
      (request_id, "time", model_version, endpoint, inputs, score, tier, pair_id,
       outlier_score, outlier_flag, shadow, latency_ms)
    select r, t::timestamptz, v, e, i::jsonb, s, k, p, os, of = 1, sh, ms
    from unnest(
      ${records.map((r) => r.requestId)}::text[],
      ${records.map((r) => canonicalTime(r.time))}::text[],
      ${records.map((r) => r.modelVersion)}::text[],
      ${records.map((r) => r.endpoint)}::text[],
      ${records.map(recordInputsJson)}::text[],
      ${records.map((r) => r.score)}::float8[],
      ${records.map((r) => r.tier)}::text[],
      ${records.map((r) => r.pairId ?? null)}::text[],
      ${records.map((r) => r.outlier?.score ?? null)}::float8[],
      ${records.map((r) => (r.outlier === undefined ? null : Number(r.outlier.flag)))}::float8[],
      ${records.map((r) => (r.shadow === true ? true : null))}::boolean[],
      ${records.map((r) => r.latencyMs ?? null)}::float8[]
    ) as batch(r, t, v, e, i, s, k, p, os, of, sh, ms)`;
}
