/**
 * The csv source: one-table CSVs with a binary target, typed by an inferred contract a
 * person reviews (contracts/csv.contract.json) and ingested to parquet.
 */
export { ingestCsv } from "./ingest.ts";
export type { IngestCsvOptions, IngestCsvResult } from "./ingest.ts";
export { inferCsvContract } from "./infer.ts";
export type { InferOptions } from "./infer.ts";
export {
  CsvContractFile,
  CsvFormat,
  FALSE_VALUES,
  MISSING_MARKERS,
  readCsvContract,
  ROW_ID,
  TRUE_VALUES,
  writeCsvContract,
} from "./contract_file.ts";
