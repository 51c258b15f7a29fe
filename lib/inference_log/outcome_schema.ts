/**
 * The `outcomes` table beside the inference log, the same in SQLite and PostgreSQL: one
 * row per labelled prediction, keyed by the prediction's log row id, so an outcome can
 * never be stored twice for one prediction. Created when absent (a log written before
 * outcomes existed opens as it is), with an index on the log's request id for the join.
 */
import { LOG_TABLE } from "./schema.ts";

/** Name of the outcomes table in both backends. */
export const OUTCOMES_TABLE = "outcomes";

/** DDL of the outcomes table and the join's index in SQLite. */
export const SQLITE_OUTCOMES_SCHEMA = `
create table if not exists ${OUTCOMES_TABLE} (
  log_id integer primary key,
  request_id text not null,
  outcome integer not null check (outcome in (0, 1)),
  observed_at text not null,
  received_at text not null
);
create index if not exists ${OUTCOMES_TABLE}_observed_at on ${OUTCOMES_TABLE} (observed_at);
create index if not exists ${LOG_TABLE}_request_id on ${LOG_TABLE} (request_id);
`;

/** DDL of the outcomes table and the join's index in PostgreSQL. */
export const POSTGRES_OUTCOMES_SCHEMA = `
create table if not exists ${OUTCOMES_TABLE} (
  log_id bigint primary key,
  request_id text not null,
  outcome smallint not null check (outcome in (0, 1)),
  observed_at timestamptz not null,
  received_at timestamptz not null
);
create index if not exists ${OUTCOMES_TABLE}_observed_at on ${OUTCOMES_TABLE} (observed_at);
create index if not exists ${LOG_TABLE}_request_id on ${LOG_TABLE} (request_id);
`;

/** Name of the index on a key column's value in the logged inputs. */
export function keyIndexName(key: string): string {
  const safe = key.replace(/[^A-Za-z0-9_]/g, "_").slice(0, 40);
  return `${LOG_TABLE}_key_${safe}`;
}
