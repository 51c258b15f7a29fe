/**
 * Builds data/features/{feature_store.parquet, manifest.json} from the raw parquet that
 * ingest wrote: the full Home Credit treatment for synthetic and home-credit sources,
 * the typed table itself for a csv source.
 */
import { join } from "node:path";
import {
  type DuckDBConnection,
  openDuckDb,
  queryRows,
  quoteIdent,
  quoteLiteral,
} from "../duckdb/mod.ts";
import { HOME_CREDIT_TABLES } from "../contracts/home_credit_schema.ts";
import { runWithProgress } from "../duckdb/parquet.ts";
import { loadAggregateGroups } from "./aggregates.ts";
import { type CsvStoreOptions, planCsvStore } from "./csv_store.ts";
import { readSourceInfo, type SourceInfo } from "../data/ingest/source.ts";
import { createFeatureMacros, homeCreditManifest, homeCreditStoreSql } from "./store_sql.ts";
import type { FeatureManifest } from "./manifest/mod.ts";

/** File names inside the feature-store directory. */
export const FEATURE_STORE_FILE = "feature_store.parquet";
export const MANIFEST_FILE = "manifest.json";

/** Options for {@link buildFeatureStore}. */
export interface BuildFeatureStoreOptions {
  /** Directory with source.json and the raw parquet (data/raw/parquet). */
  parquetDir: string;
  /** Output directory (data/features). */
  outDir: string;
  /** How to read a csv source's key and target; required when source.json says csv. */
  csv?: CsvStoreOptions;
  /** DuckDB worker threads (all cores by default). */
  threads?: number;
  /** DuckDB memory limit such as "6GB". */
  memoryLimit?: string;
  /** Called about every 200 ms with DuckDB's estimate of the build's progress (0–100). */
  onProgress?: (percent: number) => void;
}

/** What {@link buildFeatureStore} wrote. */
export interface FeatureStoreResult {
  source: SourceInfo["source"];
  storePath: string;
  manifestPath: string;
  manifest: FeatureManifest;
  rows: number;
}

/**
 * Builds the feature store and its manifest; the parquet is written to a temporary
 * name and renamed, so a failed build leaves no half-written store.
 * @example
 * ```ts
 * import { buildFeatureStore } from "./build.ts";
 * import { ingestSynthetic } from "../data/ingest/synthetic.ts";
 * const dir = await Deno.makeTempDir();
 * await ingestSynthetic({ outDir: `${dir}/raw`, seed: 7, applicants: 50, threads: 1 });
 * // e.g. { parquetDir: "data/raw/parquet", outDir: "data/features" }
 * const store = await buildFeatureStore({ parquetDir: `${dir}/raw`, outDir: `${dir}/features`, threads: 1 });
 * await Deno.remove(dir, { recursive: true });
 * if (store.rows !== 50) throw new Error(`expected 50 rows, got ${store.rows}`);
 * ```
 */
export async function buildFeatureStore(
  options: BuildFeatureStoreOptions,
): Promise<FeatureStoreResult> {
  const info = await readSourceInfo(options.parquetDir);
  await Deno.mkdir(options.outDir, { recursive: true });
  const conn = await openDuckDb({ threads: options.threads, memoryLimit: options.memoryLimit });
  try {
    const { sql, manifest } = info.source === "csv"
      ? await planCsv(conn, options, info.levels ?? {}, info.textColumns ?? [])
      : await planHomeCredit(conn, options.parquetDir);
    const storePath = join(options.outDir, FEATURE_STORE_FILE);
    const rows = await writeParquet(conn, sql, storePath, options.onProgress);
    await assertColumns(conn, storePath, manifest);
    const manifestPath = join(options.outDir, MANIFEST_FILE);
    await Deno.writeTextFile(manifestPath, JSON.stringify(manifest, null, 2) + "\n");
    return { source: info.source, storePath, manifestPath, manifest, rows };
  } finally {
    conn.closeSync();
  }
}

async function planHomeCredit(
  conn: DuckDBConnection,
  parquetDir: string,
): Promise<{ sql: string; manifest: FeatureManifest }> {
  for (const table of HOME_CREDIT_TABLES) {
    const path = join(parquetDir, `${table}.parquet`);
    await conn.run(
      `CREATE VIEW ${quoteIdent(table)} AS SELECT * FROM read_parquet(${quoteLiteral(path)})`,
    );
  }
  await createFeatureMacros(conn);
  const groups = loadAggregateGroups();
  return { sql: homeCreditStoreSql(groups), manifest: homeCreditManifest(groups) };
}

async function planCsv(
  conn: DuckDBConnection,
  options: BuildFeatureStoreOptions,
  levels: Record<string, string[]>,
  textColumns: string[],
): Promise<{ sql: string; manifest: FeatureManifest }> {
  if (options.csv === undefined) {
    throw new TypeError(
      "Cannot build the CSV feature store: the data.csv params (id, target, positive label) are missing",
    );
  }
  const path = join(options.parquetDir, "table.parquet");
  await conn.run(
    `CREATE VIEW csv_table AS SELECT * FROM read_parquet(${
      quoteLiteral(path)
    }, file_row_number = true)`,
  );
  return await planCsvStore(conn, options.csv, levels, textColumns);
}

async function writeParquet(
  conn: DuckDBConnection,
  sql: string,
  path: string,
  onProgress?: (percent: number) => void,
): Promise<number> {
  const partial = `${path}.partial`;
  await conn.run("SET preserve_insertion_order = true");
  const copy = `COPY (${sql}) TO ${quoteLiteral(partial)} (FORMAT parquet, COMPRESSION zstd)`;
  await runWithProgress(conn, copy, { onProgress });
  await Deno.rename(partial, path);
  const [{ n }] = await queryRows(
    conn,
    `SELECT count(*) AS n FROM read_parquet(${quoteLiteral(path)})`,
  );
  return Number(n);
}

async function assertColumns(
  conn: DuckDBConnection,
  path: string,
  manifest: FeatureManifest,
): Promise<void> {
  const rows = await queryRows(conn, `DESCRIBE SELECT * FROM read_parquet(${quoteLiteral(path)})`);
  const actual = rows.map((row) => String(row.column_name));
  const expected = [
    manifest.key,
    manifest.target,
    ...manifest.features.map((f) => f.name),
    ...(manifest.text ?? []).map((c) => c.name),
  ];
  const at = expected.findIndex((name, i) => actual[i] !== name);
  if (at >= 0 || actual.length !== expected.length) {
    throw new Error(
      `Cannot write the feature store: column ${at >= 0 ? at : expected.length} is "${
        actual[at] ?? "(none)"
      }", the manifest says "${expected[at] ?? "(none)"}"`,
    );
  }
}
