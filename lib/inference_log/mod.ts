/**
 * The inference log: every scored row (request id, time, model version, inputs, score,
 * tier) buffered off the request path and written in batches to SQLite (`node:sqlite`,
 * WAL) or PostgreSQL, and exported by time window to parquet for the drift stage.
 */
export type { InferenceRecord, LoggedRecord, LogSink, LogStats, LogStore } from "./types.ts";
export { type BufferOptions, createBufferedLogStore } from "./buffered.ts";
export { DEFAULT_SQLITE_PATH, type LogStoreOptions, openLogSink, openLogStore } from "./open.ts";
export { openSqliteSink } from "./sqlite.ts";
export { openPostgresSink, type PostgresSinkOptions } from "./postgres.ts";
export { createMemoryLogStore } from "./memory.ts";
export {
  EXPORT_FIXED_COLUMNS,
  exportWindow,
  type ExportWindowOptions,
  FEATURE_VECTOR_ENDPOINT,
} from "./export.ts";
export { LOG_TABLE, POSTGRES_SCHEMA, SQLITE_SCHEMA } from "./schema.ts";
export type {
  LabelledRows,
  OutcomeClaim,
  OutcomeRowResult,
  OutcomeStatus,
  OutcomeStore,
  OutcomeSummary,
  RecordOutcomesOptions,
} from "./outcome_types.ts";
export { OUTCOME_FIELDS, readOutcomeRow } from "./outcome_rows.ts";
export { matchOutcomes } from "./outcome_match.ts";
export { openOutcomeStore } from "./outcome_open.ts";
export { openSqliteOutcomeStore } from "./sqlite_outcomes.ts";
export { openPostgresOutcomeStore } from "./postgres_outcomes.ts";
export { createMemoryOutcomeStore } from "./outcome_memory.ts";
export {
  OUTCOMES_TABLE,
  POSTGRES_OUTCOMES_SCHEMA,
  SQLITE_OUTCOMES_SCHEMA,
} from "./outcome_schema.ts";
export {
  type LabelledRequest,
  type LabelledRequestsSource,
  readLabelledRequests,
} from "./labelled_requests.ts";
