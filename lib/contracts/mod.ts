/**
 * Data contracts: one definition per table (zod at its core, JSON on disk) checked in
 * bulk as SQL in DuckDB and row by row through zod, with lazy Pandera-style reports.
 */
export { ColumnContract, ColumnType, ForeignKey, TableContract } from "./types.ts";
export { formatContract, parseContract, readContract } from "./contract_file.ts";
export {
  CsvContractFile,
  CsvFormat,
  FALSE_VALUES,
  MISSING_MARKERS,
  readCsvContract,
  ROW_ID,
  TRUE_VALUES,
  writeCsvContract,
} from "./csv_contract_file.ts";
export {
  DAYS_SENTINEL,
  HOME_CREDIT_TABLES,
  isTableName,
  tableSchema,
} from "./home_credit_schema.ts";
export type {
  ColumnSchema,
  HomeCreditDtype,
  TableName,
  TableSchema,
} from "./home_credit_schema.ts";
export { columnChecks } from "./column_checks.ts";
export type { ColumnCheck } from "./column_checks.ts";
export { fitsType, WRITTEN_TYPE } from "./physical_types.ts";
export { assertValid, ContractViolationError, createFindings, writeReport } from "./report.ts";
export { homeCreditContract, homeCreditContracts } from "./home_credit.ts";
export type { HomeCreditContractOptions } from "./home_credit.ts";
export { rawContracts, readSourceManifest, SourceManifest } from "./raw.ts";
export type { RawContractOptions } from "./raw.ts";
export type { CaseValue, CheckResult, FailureCase, Findings, ValidationReport } from "./report.ts";
export { formatCheckCounts, formatSummary } from "./summary.ts";
export { validateTables } from "./validate.ts";
export type { TableInput, ValidateOptions } from "./validate.ts";
export { rowSchema, validateRow } from "./row_schema.ts";
export type { RowIssue, RowResult, RowSchema, RowSchemaOptions } from "./row_schema.ts";
