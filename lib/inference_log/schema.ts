/**
 * The `inference_log` table, the same in SQLite and PostgreSQL: typed columns for the
 * fixed fields, the inputs as JSON, an index on time for window exports. `pair_id` (null
 * outside shadow releases) pairs a champion's row with the challenger's shadow row (`shadow`
 * 1/true), `latency_ms` is the scoring call's time; logs
 * made before a column get it when they are opened (SQLite: SQLITE_ADDED_COLUMNS,
 * PostgreSQL: the `alter table … if not exists` below).
 */

/** Name of the log table in both backends. */
export const LOG_TABLE = "inference_log";

/** DDL of the log table in SQLite (time as ISO 8601 UTC text, which sorts as time). */
export const SQLITE_SCHEMA = `
create table if not exists ${LOG_TABLE} (
  id integer primary key autoincrement,
  request_id text not null,
  "time" text not null,
  model_version text not null,
  endpoint text not null,
  inputs text not null,
  score real,
  tier text not null,
  pair_id text,
  outlier_score real,
  outlier_flag integer,
  shadow integer,
  latency_ms real
);
create index if not exists ${LOG_TABLE}_time on ${LOG_TABLE} ("time");
`;

/**
 * Columns added to the table after it first shipped, with their SQLite types: a log
 * created before them gets them by `alter table … add column` on open (null in old rows).
 */
export const SQLITE_ADDED_COLUMNS: readonly (readonly [string, string])[] = [
  ["pair_id", "text"],
  ["outlier_score", "real"],
  ["outlier_flag", "integer"],
  ["shadow", "integer"],
  ["latency_ms", "real"],
];

/**
 * Advisory lock key serialising the PostgreSQL DDL of the log and outcome stores across
 * connections: concurrent `create … if not exists` (replicas starting at once) collide in
 * the catalogue.
 */
export const POSTGRES_DDL_LOCK = 1_687_315_016;

/** DDL of the log table in PostgreSQL. */
export const POSTGRES_SCHEMA = `
create table if not exists ${LOG_TABLE} (
  id bigserial primary key,
  request_id text not null,
  "time" timestamptz not null,
  model_version text not null,
  endpoint text not null,
  inputs jsonb not null,
  score double precision,
  tier text not null,
  pair_id text
);
create index if not exists ${LOG_TABLE}_time on ${LOG_TABLE} ("time");
alter table ${LOG_TABLE} add column if not exists pair_id text;
alter table ${LOG_TABLE} add column if not exists outlier_score double precision;
alter table ${LOG_TABLE} add column if not exists outlier_flag boolean;
alter table ${LOG_TABLE} add column if not exists shadow boolean;
alter table ${LOG_TABLE} add column if not exists latency_ms double precision;
`;

/** The record's time normalised to `toISOString()` form, so text comparison orders it. */
export function canonicalTime(time: string): string {
  // A batch's records mostly share one time: convert each distinct text once.
  if (time === lastText) return lastCanonical;
  const date = new Date(time);
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(`Cannot log record: time ${JSON.stringify(time)} is not a date`);
  }
  lastCanonical = date.toISOString();
  lastText = time;
  return lastCanonical;
}

let lastText: string | undefined;
let lastCanonical = "";
