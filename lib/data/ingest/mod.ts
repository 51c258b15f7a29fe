/**
 * Ingest: every data source lands as parquet in one directory with a source.json, typed
 * exactly as the schema says (int64 → BIGINT, float64 → DOUBLE, object → VARCHAR).
 */
export { copyToParquet, countParquetRows, PARQUET_ROW_GROUP_SIZE } from "../../duckdb/parquet.ts";
export { HomeCreditCsvError, ingestHomeCreditCsv, readCsvSql } from "./home_credit_csv.ts";
export type { HomeCreditCsvOptions } from "./home_credit_csv.ts";
export { ingestSynthetic } from "./synthetic.ts";
export type { SyntheticOptions } from "./synthetic.ts";
export { readSourceInfo, SOURCE_FILE, writeSourceInfo } from "./source.ts";
export type { DataSource, SourceInfo } from "./source.ts";
