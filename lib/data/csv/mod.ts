/**
 * The csv source: one-table CSVs with a binary target, typed by an inferred contract a
 * person reviews (contracts/csv.contract.json) and ingested to parquet. The contract file
 * format itself lives in `lib/contracts/` (`CsvContractFile`, `readCsvContract`).
 */
export { ingestCsv } from "./ingest.ts";
export type { IngestCsvOptions, IngestCsvResult } from "./ingest.ts";
export { inferCsvContract } from "./infer.ts";
export type { InferOptions } from "./infer.ts";
