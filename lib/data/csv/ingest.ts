/**
 * The csv source: any one-table CSV with a binary target becomes data/raw/parquet/
 * table.parquet, typed by a contract that is inferred on the first run, written for a
 * person to review, and honoured on every later run. Cells that do not convert to their
 * column's type are reported with file, line, column and value, never dropped.
 */
import { type DuckDBConnection, openDuckDb, queryRows, quoteIdent } from "../duckdb.ts";
import {
  ContractViolationError,
  createFindings,
  type FailureCase,
  type TableContract,
} from "../../contracts/mod.ts";
import { type CellConversion, convertCells, convertTarget } from "./cells.ts";
import {
  type CsvContractFile,
  type CsvFormat,
  readCsvContract,
  ROW_ID,
  writeCsvContract,
} from "./contract_file.ts";
import { inferCsvContract } from "./infer.ts";
import { RECORD, recordLines } from "./lines.ts";
import { reportPhase } from "./progress.ts";

/** Options of {@link ingestCsv}, as the `data.csv` params name them. */
export interface IngestCsvOptions {
  path: string;
  /** Id column, or null to number the rows into `ROW_ID`. */
  idColumn: string | null;
  targetColumn: string;
  positiveLabel: string;
  /** Reviewable contract file: written when absent, honoured when present. */
  contractPath: string;
  /** Folder receiving table.parquet and source.json (data/raw/parquet). */
  outDir: string;
  /** Failure cases kept per check (default 20). */
  sampleSize?: number;
}

/** What ingest did. */
export interface IngestCsvResult {
  rows: number;
  parquetPath: string;
  contract: TableContract;
  /** True when this run inferred and wrote the contract file. */
  contractWritten: boolean;
}

const TEXT = "csv_text";

/**
 * Converts a CSV into typed parquet under its contract.
 * @example
 * await ingestCsv({ path: "data/raw/loans.csv", idColumn: null, targetColumn: "default",
 *   positiveLabel: "yes", contractPath: "contracts/csv.contract.json", outDir: "data/raw/parquet" });
 */
export async function ingestCsv(options: IngestCsvOptions): Promise<IngestCsvResult> {
  checkOptions(options);
  const conn = await openDuckDb();
  try {
    const size = (await Deno.stat(options.path)).size;
    const columns = await reportPhase(
      `reading ${options.path}`,
      size,
      () => loadText(conn, options.path),
    );
    checkNamedColumns(options, columns);
    const existing = await readIfPresent(options.contractPath);
    const file = existing ?? await inferCsvContract(conn, TEXT, columns, options);
    if (existing === undefined) await writeCsvContract(options.contractPath, file);
    checkFormatMatches(file.csv, options);
    checkColumnSet(file, columns, options);
    const conversions = conversionsOf(file);
    await checkCells(conn, file, conversions, options);
    const parquetPath = `${options.outDir}/table.parquet`;
    const rows = await reportPhase(
      `writing ${parquetPath}`,
      size,
      () => writeParquet(conn, file, conversions, options.outDir),
    );
    return {
      rows,
      parquetPath,
      contract: file.contract,
      contractWritten: existing === undefined,
    };
  } finally {
    conn.closeSync();
  }
}

function checkOptions(options: IngestCsvOptions): void {
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

async function loadText(conn: DuckDBConnection, path: string): Promise<string[]> {
  const literal = `'${path.replaceAll("'", "''")}'`;
  await conn.run(
    `CREATE OR REPLACE TEMP TABLE ${TEXT} AS SELECT row_number() OVER () AS ${RECORD}, *
     FROM read_csv(${literal}, all_varchar = true, header = true)`,
  );
  const described = await queryRows(conn, `DESCRIBE ${TEXT}`);
  return described.map((row) => String(row.column_name)).filter((name) => name !== RECORD);
}

function checkNamedColumns(options: IngestCsvOptions, columns: string[]): void {
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

async function readIfPresent(path: string): Promise<CsvContractFile | undefined> {
  try {
    await Deno.stat(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  return await readCsvContract(path);
}

function checkFormatMatches(format: CsvFormat, options: IngestCsvOptions): void {
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

function checkColumnSet(
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
  for (const name of expected) {
    if (!columns.includes(name)) add(name, "column_present", "Must be in the CSV header");
  }
  for (const name of columns) {
    if (!expected.includes(name)) add(name, "unexpected_column", "Must be in the contract");
  }
  const report = findings.report("ingest");
  if (!report.ok) throw new ContractViolationError(report);
}

function conversionsOf(file: CsvContractFile): Map<string, CellConversion> {
  const out = new Map<string, CellConversion>();
  for (const column of file.contract.columns) {
    if (column.name === file.csv.targetColumn) out.set(column.name, convertTarget(file.csv));
    else if (column.name === ROW_ID && file.csv.idColumn === null) {
      out.set(column.name, { value: RECORD, bad: "false", expected: "" });
    } else out.set(column.name, convertCells(column.name, column.type, file.csv));
  }
  return out;
}

async function checkCells(
  conn: DuckDBConnection,
  file: CsvContractFile,
  conversions: Map<string, CellConversion>,
  options: IngestCsvOptions,
): Promise<void> {
  const sampleSize = options.sampleSize ?? 20;
  const checked = [...conversions].filter(([, conversion]) => conversion.bad !== "false");
  if (checked.length === 0) return;
  const counts = checked.map(([, c], j) => `count(*) FILTER (WHERE ${c.bad}) AS b${j}`);
  const [row] = await queryRows(conn, `SELECT ${counts.join(", ")} FROM ${TEXT}`);
  const findings = createFindings(sampleSize);
  const columns = (await queryRows(conn, `DESCRIBE ${TEXT}`))
    .map((r) => String(r.column_name)).filter((name) => name !== RECORD);
  for (const [j, [column, conversion]] of checked.entries()) {
    const failures = Number(row[`b${j}`]);
    if (failures === 0) continue;
    const cases = await badCells(conn, file, column, conversion, sampleSize);
    const lines = await recordLines(conn, TEXT, columns, cases.map((c) => c.record));
    findings.add({
      table: file.contract.table,
      column,
      check: "parse",
      severity: "error",
      message: `Must be ${conversion.expected}`,
      failures,
      sample: cases.map(({ record, ...c }) => ({
        ...c,
        file: options.path,
        line: lines.get(record),
      })),
    });
  }
  const report = findings.report("ingest");
  if (!report.ok) throw new ContractViolationError(report);
}

async function badCells(
  conn: DuckDBConnection,
  file: CsvContractFile,
  column: string,
  conversion: CellConversion,
  sampleSize: number,
): Promise<(FailureCase & { record: number })[]> {
  const id = file.csv.idColumn;
  const idSql = id === null ? "NULL" : quoteIdent(id);
  const rows = await queryRows(
    conn,
    `SELECT ${RECORD} AS record, ${idSql} AS id, ${quoteIdent(column)} AS value FROM ${TEXT}
     WHERE ${conversion.bad} ORDER BY ${RECORD} LIMIT ${sampleSize}`,
  );
  return rows.map((r) => ({
    record: Number(r.record),
    table: file.contract.table,
    column,
    check: "parse",
    rowKey: id === null ? { [ROW_ID]: Number(r.record) } : { [id]: typedId(file, r.id) },
    value: r.value === null ? null : String(r.value),
  }));
}

async function writeParquet(
  conn: DuckDBConnection,
  file: CsvContractFile,
  conversions: Map<string, CellConversion>,
  outDir: string,
): Promise<number> {
  await Deno.mkdir(outDir, { recursive: true });
  const select = file.contract.columns.map((column) => {
    const type = column.type === "int"
      ? "BIGINT"
      : column.type === "float"
      ? "DOUBLE"
      : column.type === "boolean"
      ? "BOOLEAN"
      : "VARCHAR";
    return `(${conversions.get(column.name)!.value})::${type} AS ${quoteIdent(column.name)}`;
  });
  const temp = `${outDir}/table.parquet.tmp`;
  await conn.run(
    `COPY (SELECT ${select.join(", ")} FROM ${TEXT} ORDER BY ${RECORD})
     TO '${temp.replaceAll("'", "''")}' (FORMAT PARQUET)`,
  );
  await Deno.rename(temp, `${outDir}/table.parquet`);
  const [{ n }] = await queryRows(conn, `SELECT count(*) AS n FROM ${TEXT}`);
  const rows = Number(n);
  const source = { source: "csv", tables: ["table"], rows: { table: rows } };
  await Deno.writeTextFile(`${outDir}/source.json`, `${JSON.stringify(source, null, 2)}\n`);
  return rows;
}

function typedId(file: CsvContractFile, id: unknown): string | number | null {
  if (id === null || id === undefined) return null;
  const column = file.contract.columns.find((c) => c.name === file.csv.idColumn);
  const text = String(id).trim();
  return column?.type === "int" && /^[+-]?\d+$/.test(text) ? Number(text) : text;
}
