/**
 * The `data` params section. The sources live in sub-folders with their own mod.ts: csv/
 * (the one-table CSV source), ingest/ (landing a source as parquet) and home_credit/ (the
 * synthetic Home Credit generator).
 */
export { CsvSourceParams, DataParams } from "./params.ts";
