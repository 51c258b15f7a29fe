/**
 * Outcomes in the PostgreSQL log database: each batch is read, joined and written in one
 * transaction that first locks the outcomes table against other writers (readers go on),
 * so replicas and `deno task feedback` cannot both store an outcome for one prediction.
 * Tables are created on first use, as the log's are. Outcomes join the rows the client
 * was answered with, never a shadow row.
 */
import postgres from "postgres";
import { quoteLiteral } from "../duckdb/quote.ts";
import { matchOutcomes } from "./outcome_match.ts";
import { planOutcomes, summariseOutcomes } from "./outcome_plan.ts";
import { keyIndexName, OUTCOMES_TABLE, POSTGRES_OUTCOMES_SCHEMA } from "./outcome_schema.ts";
import { labelledRows, type OutcomeStore, type PredictionRef } from "./outcome_types.ts";
import { LOG_TABLE, POSTGRES_DDL_LOCK, POSTGRES_SCHEMA } from "./schema.ts";

/** Connects (lazily) to the outcomes of the PostgreSQL log at `databaseUrl`. */
export function openPostgresOutcomeStore(databaseUrl: string): Promise<OutcomeStore> {
  const sql = postgres(databaseUrl, {
    max: 2,
    connect_timeout: 5,
    idle_timeout: 30,
    onnotice: () => {},
  });
  // Concurrent `create … if not exists` can collide in the catalogue: DDL runs under a lock.
  const ddl = (statements: string): Promise<void> =>
    sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${POSTGRES_DDL_LOCK})`;
      await tx.unsafe(statements).simple();
    }).then(() => {});
  let ready: Promise<void> | undefined;
  const ensureTables = (): Promise<void> => {
    ready ??= ddl(POSTGRES_SCHEMA + POSTGRES_OUTCOMES_SCHEMA).catch((error) => {
      ready = undefined; // try again on the next batch
      throw error;
    });
    return ready;
  };
  const indexed = new Set<string>();
  return Promise.resolve({
    async labelled(from, to) {
      await ensureTables();
      const rows = await sql`
        select l.model_version, l."time", l.score, l.tier, o.outcome
        from ${sql(LOG_TABLE)} l join ${sql(OUTCOMES_TABLE)} o on o.log_id = l.id
        where l."time" >= ${from.toISOString()}::timestamptz
          and l."time" < ${to.toISOString()}::timestamptz and l.score is not null
          and l.shadow is not true
        order by l."time", l.id`;
      return labelledRows(rows.map((row) => ({
        modelVersion: String(row.model_version),
        time: new Date(row.time as string | Date).getTime(),
        score: Number(row.score),
        tier: String(row.tier),
        outcome: Number(row.outcome),
      })));
    },
    async record(rows, options) {
      const plan = planOutcomes(rows, options);
      await ensureTables();
      const keyExpr = options.key === undefined
        ? "null"
        : `(inputs ->> ${quoteLiteral(options.key)})`;
      if (options.key !== undefined && !indexed.has(options.key)) {
        await ddl(
          `create index if not exists ${keyIndexName(options.key)} on ${LOG_TABLE} (${keyExpr})`,
        );
        indexed.add(options.key);
      }
      return await sql.begin(async (tx) => {
        await tx.unsafe(`lock table ${OUTCOMES_TABLE} in share row exclusive mode`);
        const found = await tx.unsafe(
          `select id, request_id, "time", model_version, ${keyExpr} as key from ${LOG_TABLE}
           where request_id = any($1::text[]) and shadow is not true
           union
           select id, request_id, "time", model_version, ${keyExpr} as key from ${LOG_TABLE}
           where ${keyExpr} = any($2::text[]) and shadow is not true`,
          [plan.requestIds, plan.keys],
        );
        const candidates = found.map((row): PredictionRef => ({
          logId: Number(row.id),
          requestId: String(row.request_id),
          time: new Date(row.time as string | Date).toISOString(),
          modelVersion: String(row.model_version),
          key: row.key === null ? null : String(row.key),
        }));
        const logIds = candidates.map((c) => c.logId);
        const stored = await tx`
          select log_id, outcome from ${
          tx(OUTCOMES_TABLE)
        } where log_id = any(${logIds}::bigint[])`;
        const before = new Map(
          stored.map((row) => [Number(row.log_id), Number(row.outcome) as 0 | 1]),
        );
        const { results, writes } = matchOutcomes(plan.claims, candidates, before);
        if (writes.length > 0) {
          await tx`
            insert into ${
            tx(OUTCOMES_TABLE)
          } (log_id, request_id, outcome, observed_at, received_at)
            select l, r, o, t::timestamptz, ${options.now.toISOString()}::timestamptz
            from unnest(
              ${writes.map((w) => w.logId)}::bigint[],
              ${writes.map((w) => w.requestId)}::text[],
              ${writes.map((w) => w.outcome)}::smallint[],
              ${writes.map((w) => w.observedAt)}::text[]
            ) as batch(l, r, o, t)`;
        }
        return summariseOutcomes(plan.refused, results);
      });
    },
    async close() {
      await sql.end({ timeout: 5 });
    },
  });
}
