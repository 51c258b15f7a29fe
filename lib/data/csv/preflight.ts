/**
 * Checks made before any cell is converted: the options, the id and target columns in
 * the header, the contract file agreeing with the params, the header agreeing with the
 * contract (every difference listed).
 */
import { ContractViolationError, createFindings } from "../../contracts/mod.ts";
import { type CsvContractFile, type CsvFormat, ROW_ID } from "../../contracts/csv_contract_file.ts";
import type { IngestCsvOptions } from "./ingest.ts";

/** Refuses options that are missing or of the wrong type (e.g. snake_case params). */
export function checkOptions(options: IngestCsvOptions): void {
  const required = ["path", "targetColumn", "positiveLabel", "contractPath", "outDir"] as const;
  for (const name of required) {
    if (typeof options[name] !== "string") {
      throw new TypeError(`Cannot ingest csv: option "${name}" must be a string`);
    }
  }
  if (options.idColumn !== null && typeof options.idColumn !== "string") {
    throw new TypeError('Cannot ingest csv: option "idColumn" must be a string or null');
  }
}

/** Refuses an id or target column that the header lacks. */
export function checkNamedColumns(options: IngestCsvOptions, columns: string[]): void {
  for (const [param, column] of [["id", options.idColumn], ["target", options.targetColumn]]) {
    if (column !== null && !columns.includes(column)) {
      throw new TypeError(
        `Cannot ingest "${options.path}": ${param} column "${column}" is not in its header`,
      );
    }
  }
  if (options.idColumn === null && columns.includes(ROW_ID)) {
    throw new TypeError(
      `Cannot ingest "${options.path}": it has a "${ROW_ID}" column; name it as the id column`,
    );
  }
}

/** Refuses a contract file made for other params. */
export function checkFormatMatches(format: CsvFormat, options: IngestCsvOptions): void {
  const pairs: [string, unknown, unknown][] = [
    ["id column", format.idColumn, options.idColumn],
    ["target column", format.targetColumn, options.targetColumn],
    ["positive label", format.positiveLabel, options.positiveLabel],
  ];
  for (const [what, inFile, inParams] of pairs) {
    if (inFile !== inParams) {
      throw new TypeError(
        `Cannot ingest with contract "${options.contractPath}": its ${what} is ` +
          `${JSON.stringify(inFile)} but the params say ${JSON.stringify(inParams)}`,
      );
    }
  }
}

/** Lists every column the header lacks or adds compared with the contract. */
export function checkColumnSet(
  file: CsvContractFile,
  columns: string[],
  options: IngestCsvOptions,
): void {
  const findings = createFindings(options.sampleSize ?? 20);
  const table = file.contract.table;
  const expected = file.contract.columns.map((c) => c.name).filter((name) =>
    file.csv.idColumn !== null || name !== ROW_ID
  );
  const add = (column: string, check: string, message: string) =>
    findings.add({
      table,
      column,
      check,
      severity: "error",
      message,
      failures: 1,
      sample: [{ table, column, check, rowKey: null, value: null, file: options.path, line: 1 }],
    });
  findings.countChecks(expected.length + 1);
  for (const name of expected) {
    if (!columns.includes(name)) add(name, "column_present", "Must be in the CSV header");
  }
  for (const name of columns) {
    if (!expected.includes(name)) add(name, "unexpected_column", "Must be in the contract");
  }
  const report = findings.report("ingest");
  if (!report.ok) throw new ContractViolationError(report);
}
