/**
 * Contracts of the engineered data: the feature store (every manifest column present
 * with its stored type, no NaN or ±Infinity, a unique key, a 0/1 target) and the split
 * (the same contract on both parts, equal columns, disjoint ids).
 */
import { type DuckDBConnection, queryRows, quoteIdent, quoteLiteral } from "../duckdb/mod.ts";
import type { FeatureManifest, ManifestFeature } from "./manifest/mod.ts";
import { fitsType } from "../contracts/physical_types.ts";
import { createFindings, type ValidationReport } from "../contracts/report.ts";
import { checkTable } from "../contracts/table_checks.ts";
import type { ColumnContract, TableContract } from "../contracts/types.ts";

/**
 * The contract a feature-store table must meet, given its manifest; `keyType` is the
 * key column's type ("int" for SK_ID_CURR, "string" for a text id).
 */
export function featureStoreContract(
  manifest: FeatureManifest,
  table = "feature_store",
  keyType: "int" | "string" = "int",
): TableContract {
  return {
    formatVersion: 1,
    table,
    key: [manifest.key],
    target: manifest.target,
    minRows: 1,
    columns: [
      { name: manifest.key, type: keyType, nullable: false },
      { name: manifest.target, type: "int", nullable: false },
      ...manifest.features.map(featureColumn),
      // Free text the split turns into TF-IDF features (lib/features/text/).
      ...(manifest.text ?? []).map((c): ColumnContract => ({
        name: c.name,
        type: "text",
        nullable: true,
        description: c.description,
      })),
    ],
  };
}

/**
 * Validates data/features/feature_store.parquet against its manifest.
 * @example
 * ```ts
 * import { validateFeatureStore } from "./store_contract.ts";
 * import { buildFeatureStore } from "./build.ts";
 * import { ingestSynthetic } from "../data/ingest/synthetic.ts";
 * import { openDuckDb } from "../duckdb/mod.ts";
 * const dir = await Deno.makeTempDir();
 * await ingestSynthetic({ outDir: `${dir}/raw`, seed: 7, applicants: 50, threads: 1 });
 * const store = await buildFeatureStore({ parquetDir: `${dir}/raw`, outDir: `${dir}/features`, threads: 1 });
 * const conn = await openDuckDb({ threads: 1 });
 * // the stage then writes it (writeReport) and fails on an error (assertValid)
 * const report = await validateFeatureStore(conn, store.storePath, store.manifest);
 * conn.closeSync();
 * await Deno.remove(dir, { recursive: true });
 * if (report.counts.errorChecks !== 0) throw new Error(JSON.stringify(report.counts));
 * ```
 */
export async function validateFeatureStore(
  conn: DuckDBConnection,
  parquetPath: string,
  manifest: FeatureManifest,
  options: { sampleSize?: number } = {},
): Promise<ValidationReport> {
  const sampleSize = options.sampleSize ?? 20;
  const findings = createFindings(sampleSize);
  const keyType = await keyTypeOf(conn, parquetPath, manifest.key);
  const contract = featureStoreContract(manifest, "feature_store", keyType);
  await checkTable(conn, contract, parquetPath, { findings, sampleSize });
  return findings.report("features");
}

/** The parquet files of a split. */
export interface SplitPaths {
  train: string;
  test: string;
}

/**
 * Validates data/split/{train,test}.parquet: each against the feature-store contract,
 * then equal columns (names, order, types) and no id in both parts.
 */
export async function validateSplit(
  conn: DuckDBConnection,
  paths: SplitPaths,
  manifest: FeatureManifest,
  options: { sampleSize?: number } = {},
): Promise<ValidationReport> {
  const sampleSize = options.sampleSize ?? 20;
  const findings = createFindings(sampleSize);
  const keyType = await keyTypeOf(conn, paths.train, manifest.key);
  const checked = [];
  for (const part of ["train", "test"] as const) {
    const contract = featureStoreContract(manifest, part, keyType);
    checked.push(await checkTable(conn, contract, paths[part], { findings, sampleSize }));
  }
  const [train, test] = await Promise.all([
    describe(conn, paths.train),
    describe(conn, paths.test),
  ]);
  // Equal columns, then disjoint ids.
  findings.countChecks(2);
  const trainText = train.map((c) => `${c.name} ${c.type}`);
  const testText = test.map((c) => `${c.name} ${c.type}`);
  const at = Math.max(
    trainText.findIndex((column, i) => testText[i] !== column),
    trainText.length === testText.length ? -1 : Math.min(trainText.length, testText.length),
  );
  if (at >= 0) {
    findings.add({
      table: "test",
      column: train[at]?.name ?? null,
      check: "split_columns_equal",
      severity: "error",
      message: "Must have the train part's columns, order and types",
      failures: 1,
      sample: [{
        table: "test",
        column: train[at]?.name ?? null,
        check: "split_columns_equal",
        rowKey: null,
        value: testText[at] ?? null,
      }],
    });
  }
  if (checked.every((table) => table.usable.has(manifest.key))) {
    await checkDisjoint(conn, checked[0].view, checked[1].view, manifest.key, findings, sampleSize);
  }
  return findings.report("split");
}

function featureColumn(feature: ManifestFeature): ColumnContract {
  const description = feature.description;
  switch (feature.type) {
    case "numeric":
      return { name: feature.name, type: "float", nullable: true, description };
    case "boolean":
      return { name: feature.name, type: "int", nullable: true, min: 0, max: 1, description };
    case "categorical": {
      const max = Math.max(0, (feature.levels?.length ?? 1) - 1);
      return { name: feature.name, type: "int", nullable: true, min: 0, max, description };
    }
  }
}

async function describe(
  conn: DuckDBConnection,
  path: string,
): Promise<{ name: string; type: string }[]> {
  const rows = await queryRows(conn, `DESCRIBE SELECT * FROM read_parquet(${quoteLiteral(path)})`);
  return rows.map((row) => ({ name: String(row.column_name), type: String(row.column_type) }));
}

async function keyTypeOf(
  conn: DuckDBConnection,
  path: string,
  key: string,
): Promise<"int" | "string"> {
  const column = (await describe(conn, path)).find((c) => c.name === key);
  return column !== undefined && fitsType(column.type, "string") ? "string" : "int";
}

async function checkDisjoint(
  conn: DuckDBConnection,
  trainView: string,
  testView: string,
  key: string,
  findings: ReturnType<typeof createFindings>,
  sampleSize: number,
): Promise<void> {
  const k = quoteIdent(key);
  const shared =
    `SELECT DISTINCT ${k} AS id FROM ${trainView} WHERE ${k} IN (SELECT ${k} FROM ${testView})`;
  const [{ n }] = await queryRows(conn, `SELECT count(*) AS n FROM (${shared})`);
  if (Number(n) === 0) return;
  const rows = await queryRows(conn, `${shared} ORDER BY id LIMIT ${sampleSize}`);
  findings.add({
    table: "test",
    column: key,
    check: "split_ids_disjoint",
    severity: "error",
    message: "Must not hold an id of the train part",
    failures: Number(n),
    sample: rows.map((row) => ({
      table: "test",
      column: key,
      check: "split_ids_disjoint",
      rowKey: { [key]: row.id as string | number },
      value: row.id as string | number,
    })),
  });
}
