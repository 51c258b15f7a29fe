/**
 * A tiny real pipeline for serving tests, in process and in a temp dir: synthetic Home
 * Credit tables → DuckDB feature store → a small GBDT trained on most applicants and
 * exported to ONNX → a registry version with serving.json and the feature snapshot,
 * promoted to Production. The held-out applicants' raw rows are what clients send.
 */
import { join } from "node:path";
import { openDuckDb, queryRows, quoteLiteral } from "../../lib/data/duckdb.ts";
import { ingestSynthetic } from "../../lib/data/ingest/mod.ts";
import { homeCreditContract } from "../../lib/contracts/mod.ts";
import { buildFeatureStore, type FeatureManifest } from "../../lib/features/mod.ts";
import { type KeyedDataset, readDataset, takeRows } from "../../lib/model/dataset.ts";
import { predictProba, trainGbdt } from "../../lib/model/gbdt/mod.ts";
import { gbdtToOnnx } from "../../lib/model/onnx/mod.ts";
import type { Dataset, GbdtModel } from "../../lib/model/types.ts";
import { promote, registerVersion } from "../../lib/registry/mod.ts";
import { DEFAULT_TIERS, type TierSpec, writeServingArtifacts } from "../../lib/serving/mod.ts";

/** The fixture's registry and held-out data. */
export interface ServingFixture {
  root: string;
  registry: string;
  manifest: FeatureManifest;
  gbdt: GbdtModel;
  /** Raw application rows (TARGET removed) of the held-out applicants. */
  testRows: Record<string, unknown>[];
  /** Their feature-store rows, in the same order. */
  testData: Dataset;
  /** TS predictor scores of testData. */
  expected: Float64Array;
  /** Registers the same model again with other tiers and promotes it; returns its id. */
  registerAgain(tiers: TierSpec): Promise<string>;
  dispose(): Promise<void>;
}

let shared: Promise<ServingFixture> | undefined;

/** Builds the fixture once per test process (about two seconds). */
export function servingFixture(): Promise<ServingFixture> {
  shared ??= buildFixture();
  return shared;
}

async function buildFixture(): Promise<ServingFixture> {
  const root = await Deno.makeTempDir({ prefix: "riskpipe-serving-" });
  const raw = join(root, "raw");
  await ingestSynthetic({ outDir: raw, seed: 5, applicants: 400, threads: 1 });
  const store = await buildFeatureStore({
    parquetDir: raw,
    outDir: join(root, "features"),
    threads: 1,
  });
  const data = await readDataset(store.storePath, store.manifest);
  const trainIndex: number[] = [];
  const testIndex: number[] = [];
  for (let i = 0; i < data.rows; i++) (i % 5 === 0 ? testIndex : trainIndex).push(i);
  const train = { ...takeRows(data, trainIndex), label: pick(data.label!, trainIndex) };
  const gbdt = await trainGbdt(train, { n_rounds: 25, max_depth: 3, learning_rate: 0.2 }, {
    workers: 0,
  });
  const testData = takeRows(data, testIndex);
  const candidate = join(root, "candidate");
  await Deno.mkdir(candidate);
  await Deno.writeTextFile(join(candidate, "model.json"), JSON.stringify(gbdt));
  await Deno.writeFile(join(candidate, "model.onnx"), gbdtToOnnx(gbdt));
  await Deno.writeTextFile(join(candidate, "manifest.json"), JSON.stringify(store.manifest));
  const registry = join(root, "registry");
  let round = 0;
  const register = async (tiers: TierSpec) => {
    const dir = join(root, `serving-${round++}`);
    await Deno.mkdir(dir);
    const serving = await writeServingArtifacts({
      dir,
      manifest: store.manifest,
      featureStore: store.storePath,
      source: "synthetic",
      contract: homeCreditContract("application_train", { source: "synthetic" }),
      tiers,
    });
    const artifacts: Record<string, string> = { ...serving };
    for (const name of ["model.json", "model.onnx", "manifest.json"]) {
      artifacts[name] = join(candidate, name);
    }
    const info = await registerVersion(registry, {
      artifacts,
      metrics: { "test.auc": 0.7 },
      gatePassed: true,
      lineage: { fixture: true },
    });
    await promote(registry, info.version, "Production");
    return info.version;
  };
  await register(DEFAULT_TIERS);
  return {
    root,
    registry,
    manifest: store.manifest,
    gbdt,
    testRows: await rawRows(
      join(raw, "application_train.parquet"),
      data,
      testIndex,
    ),
    testData,
    expected: predictProba(gbdt, testData),
    registerAgain: register,
    dispose: () => Deno.remove(root, { recursive: true }),
  };
}

async function rawRows(
  path: string,
  data: KeyedDataset,
  index: number[],
): Promise<Record<string, unknown>[]> {
  const conn = await openDuckDb();
  try {
    const rows = await queryRows(
      conn,
      `select * exclude (TARGET) from read_parquet(${quoteLiteral(path)})`,
    );
    const byId = new Map(rows.map((row) => [row.SK_ID_CURR, row]));
    return index.map((i) => {
      const row = byId.get(data.ids[i]);
      if (row === undefined) throw new RangeError(`Fixture has no raw row for ${data.ids[i]}`);
      return row;
    });
  } finally {
    conn.closeSync();
  }
}

function pick(column: Float64Array, index: number[]): Float64Array {
  return Float64Array.from(index, (i) => column[i]);
}
