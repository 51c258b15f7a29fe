/**
 * The `home-credit` source: the real Kaggle CSVs (application_train.csv, bureau.csv, …)
 * read by DuckDB with the schema's column types declared up front, so a stray value fails
 * with the file, column and line instead of silently changing a column's type.
 */
import { type DuckDBConnection, openDuckDb, quoteIdent, quoteLiteral } from "../../duckdb/mod.ts";
import {
  HOME_CREDIT_TABLES,
  type TableName,
  tableSchema,
} from "../../contracts/home_credit_schema.ts";
import type { Progress } from "../../progress/mod.ts";
import { copyToParquet } from "../../duckdb/parquet.ts";
import { type SourceInfo, writeSourceInfo } from "./source.ts";

/** Options for {@link ingestHomeCreditCsv}. */
export interface HomeCreditCsvOptions {
  /** Directory holding the Kaggle CSVs, e.g. "data/raw/home-credit". */
  inputDir: string;
  /** Raw parquet directory, e.g. "data/raw/parquet". */
  outDir: string;
  threads?: number;
  /** Makes the progress bar, given the CSV bytes in all. */
  progress?: (totalBytes: number) => Progress;
}

/** A Kaggle CSV that cannot be ingested: names the file and, where known, line and column. */
export class HomeCreditCsvError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly line?: number,
    readonly column?: string,
    options?: ErrorOptions,
  ) {
    super(`Cannot ingest ${file}: ${message}`, options);
    this.name = "HomeCreditCsvError";
  }
}

const PARQUET_TYPE = { int64: "BIGINT", float64: "DOUBLE", object: "VARCHAR" } as const;

/** Converts the seven Kaggle CSVs to parquet in `outDir` and writes source.json. */
export async function ingestHomeCreditCsv(options: HomeCreditCsvOptions): Promise<SourceInfo> {
  const files = HOME_CREDIT_TABLES.map((table) => `${options.inputDir}/${table}.csv`);
  const sizes = await sizesOf(options.inputDir, files);
  const progress = options.progress?.(sizes.reduce((a, b) => a + b, 0));
  await Deno.mkdir(options.outDir, { recursive: true });
  const conn = await openDuckDb({ threads: options.threads });
  const rows = {} as Record<TableName, number>;
  let before = 0;
  try {
    for (const [i, table] of HOME_CREDIT_TABLES.entries()) {
      await checkHeader(files[i], table);
      rows[table] = await convert(conn, table, files[i], `${options.outDir}/${table}.parquet`, {
        onProgress: (percent) => progress?.update(Math.round(before + sizes[i] * percent / 100)),
      });
      before += sizes[i];
      progress?.update(before, table);
    }
  } finally {
    conn.closeSync();
  }
  progress?.finish();
  const info: SourceInfo = { source: "home-credit", tables: [...HOME_CREDIT_TABLES], rows };
  await writeSourceInfo(options.outDir, info);
  return info;
}

/** SQL reading one Kaggle CSV with the schema's names and types. */
export function readCsvSql(table: TableName, file: string): string {
  const columns = tableSchema(table).columns
    .map((c) => `${quoteLiteral(c.name)}: ${quoteLiteral(PARQUET_TYPE[c.dtype])}`)
    .join(", ");
  return `SELECT * FROM read_csv(${quoteLiteral(file)}, header = true, auto_detect = false, ` +
    `delim = ',', quote = '"', escape = '"', nullstr = '', columns = {${columns}})`;
}

async function convert(
  conn: DuckDBConnection,
  table: TableName,
  file: string,
  out: string,
  options: { onProgress: (percent: number) => void },
): Promise<number> {
  const names = tableSchema(table).columns.map((c) => quoteIdent(c.name)).join(", ");
  try {
    return await copyToParquet(conn, `SELECT ${names} FROM (${readCsvSql(table, file)})`, out, {
      onProgress: options.onProgress,
    });
  } catch (error) {
    throw csvError(file, error);
  }
}

/** Turns DuckDB's long CSV error into the file, line, column and value it is about. */
function csvError(file: string, error: unknown): HomeCreditCsvError {
  const text = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ");
  const line = /Line: (\d+)/.exec(text)?.[1];
  const column = /converting column "([^"]+)"/.exec(text)?.[1];
  const value = /Could not convert string "([^"]*)" to '([A-Z]+)'/.exec(text);
  if (line && column && value) {
    return new HomeCreditCsvError(
      file,
      `line ${line}, column "${column}": cannot read "${value[1]}" as ${value[2]}`,
      Number(line),
      column,
      { cause: error },
    );
  }
  const short = text.split(" Possible solutions")[0].trim();
  return new HomeCreditCsvError(file, short, line ? Number(line) : undefined, column, {
    cause: error,
  });
}

async function checkHeader(file: string, table: TableName): Promise<void> {
  const expected = tableSchema(table).columns.map((c) => c.name);
  const found = (await firstLine(file)).replace(/^\uFEFF/, "").split(",")
    .map((name) => name.trim().replace(/^"(.*)"$/, "$1"));
  const at = expected.findIndex((name, i) => found[i] !== name);
  if (at >= 0) {
    const got = found[at] === undefined ? "missing" : `"${found[at]}"`;
    throw new HomeCreditCsvError(
      file,
      `header column ${at + 1} is ${got}, expected "${expected[at]}"`,
    );
  }
  if (found.length > expected.length) {
    throw new HomeCreditCsvError(
      file,
      `header has ${found.length} columns, expected ${expected.length} (extra "${
        found[expected.length]
      }")`,
    );
  }
}

async function firstLine(file: string): Promise<string> {
  const handle = await Deno.open(file);
  try {
    const buffer = new Uint8Array(1 << 16);
    const read = await handle.read(buffer);
    const text = new TextDecoder().decode(buffer.subarray(0, read ?? 0));
    return text.split(/\r?\n/, 1)[0];
  } finally {
    handle.close();
  }
}

async function sizesOf(inputDir: string, files: string[]): Promise<number[]> {
  const sizes: number[] = [];
  const missing: string[] = [];
  for (const file of files) {
    try {
      sizes.push((await Deno.stat(file)).size);
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
      missing.push(file.slice(inputDir.length + 1));
    }
  }
  if (missing.length > 0) {
    throw new HomeCreditCsvError(
      inputDir,
      `Kaggle CSVs not found: ${missing.join(", ")} (download them from the competition page)`,
    );
  }
  return sizes;
}
