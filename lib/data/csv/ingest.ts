/**
 * The csv source: any one-table CSV with a binary target becomes data/raw/parquet/
 * table.parquet, typed by a contract that is inferred on the first run, written for a
 * person to review, and honoured on every later run. Cells that do not convert to their
 * column's type are reported with file, line, column and value, never dropped.
 */
import { type DuckDBConnection, openDuckDb, quoteIdent } from "../../duckdb/mod.ts";
import { copyToParquet } from "../../duckdb/parquet.ts";
import { type TableContract, WRITTEN_TYPE } from "../../contracts/mod.ts";
import { checkCells } from "./bad_cells.ts";
import { type CellConversion, convertCells, convertTarget } from "./cells.ts";
import {
  type CsvContractFile,
  readCsvContract,
  ROW_ID,
  writeCsvContract,
} from "../../contracts/csv_contract_file.ts";
import { inferCsvContract } from "./infer.ts";
import {
  checkColumnSet,
  checkFormatMatches,
  checkNamedColumns,
  checkOptions,
} from "./preflight.ts";
import { phaseProgress } from "./progress.ts";
import { readCsvText } from "./read_text.ts";
import { checkTextColumns, textColumnsOf } from "./text_columns.ts";
import { RECORD, TEXT_TABLE } from "./text_table.ts";
import { checkUniqueIds } from "./unique_ids.ts";

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
  /** Longest line the reader accepts, in bytes (DuckDB's max_line_size; its default when absent). */
  maxLineSize?: number;
}

/** What ingest did. */
export interface IngestCsvResult {
  rows: number;
  parquetPath: string;
  contract: TableContract;
  /** True when this run inferred and wrote the contract file. */
  contractWritten: boolean;
}

/**
 * Converts a CSV into typed parquet under its contract.
 * @example
 * ```ts
 * import { ingestCsv } from "./ingest.ts";
 * const dir = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${dir}/loans.csv`, "amount,default\n100,yes\n250,no\n");
 * const result = await ingestCsv({
 *   path: `${dir}/loans.csv`,
 *   idColumn: null,
 *   targetColumn: "default",
 *   positiveLabel: "yes",
 *   contractPath: `${dir}/csv.contract.json`, // inferred and written when it does not exist
 *   outDir: `${dir}/parquet`,
 * });
 * await Deno.remove(dir, { recursive: true });
 * if (result.rows !== 2 || !result.contractWritten) throw new Error(JSON.stringify(result));
 * ```
 */
export async function ingestCsv(options: IngestCsvOptions): Promise<IngestCsvResult> {
  checkOptions(options);
  const conn = await openDuckDb();
  try {
    const size = (await Deno.stat(options.path)).size;
    const columns = await readCsvText(conn, options.path, {
      maxLineSize: options.maxLineSize,
      onProgress: phaseProgress("csv read", size),
    });
    checkNamedColumns(options, columns);
    const existing = await readIfPresent(options.contractPath);
    const file = existing ?? await inferCsvContract(conn, TEXT_TABLE, columns, options);
    if (existing === undefined) await writeCsvContract(options.contractPath, file);
    checkFormatMatches(file.csv, options);
    checkColumnSet(file, columns, options);
    const conversions = conversionsOf(file);
    await checkCells(conn, file, conversions, options);
    await checkUniqueIds(conn, file, conversions, options);
    await checkTextColumns(conn, TEXT_TABLE, file, options.path);
    const parquetPath = `${options.outDir}/table.parquet`;
    const rows = await writeParquet(conn, file, conversions, {
      outDir: options.outDir,
      onProgress: phaseProgress("csv write", size),
    });
    return { rows, parquetPath, contract: file.contract, contractWritten: existing === undefined };
  } finally {
    conn.closeSync();
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

async function writeParquet(
  conn: DuckDBConnection,
  file: CsvContractFile,
  conversions: Map<string, CellConversion>,
  target: { outDir: string; onProgress?: (percent: number) => void },
): Promise<number> {
  await Deno.mkdir(target.outDir, { recursive: true });
  const select = file.contract.columns.map((column) => {
    const value = conversions.get(column.name)!.value;
    return `(${value})::${WRITTEN_TYPE[column.type]} AS ${quoteIdent(column.name)}`;
  });
  const temp = `${target.outDir}/table.parquet.tmp`;
  const rows = await copyToParquet(
    conn,
    `SELECT ${select.join(", ")} FROM ${TEXT_TABLE} ORDER BY ${RECORD}`,
    temp,
    { onProgress: target.onProgress },
  );
  await Deno.rename(temp, `${target.outDir}/table.parquet`);
  const levels = Object.fromEntries(
    file.contract.columns.flatMap((c) =>
      c.type === "category" && c.levels !== undefined ? [[c.name, c.levels]] : []
    ),
  );
  const text = textColumnsOf(file);
  const source = {
    source: "csv",
    tables: ["table"],
    rows: { table: rows },
    levels,
    ...(text.length > 0 ? { textColumns: text } : {}),
  };
  await Deno.writeTextFile(`${target.outDir}/source.json`, `${JSON.stringify(source, null, 2)}\n`);
  return rows;
}
