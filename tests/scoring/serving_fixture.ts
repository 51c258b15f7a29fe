/**
 * A tiny real pipeline for serving tests, in process and in a temp dir: synthetic Home
 * Credit tables → DuckDB feature store → a small seeded GBDT grown on most applicants
 * (random trees over the real features, so the trainer's own changes cannot break it)
 * exported to ONNX → a registry version with serving.json and the feature snapshot,
 * promoted to Production, with the repo's reason table. The held-out applicants' raw rows are what clients send.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { REASONS_FILE } from "../../lib/governance/reasons/mod.ts";
import { openDuckDb, queryRows, quoteLiteral } from "../../lib/duckdb/mod.ts";
import { ingestSynthetic } from "../../lib/data/ingest/mod.ts";
import { homeCreditContract } from "../../lib/contracts/mod.ts";
import { buildFeatureStore, type FeatureManifest } from "../../lib/features/mod.ts";
import { type KeyedDataset, takeRows } from "../../lib/model/dataset.ts";
import { readDataset } from "../../lib/features/read_dataset.ts";
import { predictProba } from "../../lib/model/gbdt/predict.ts";
import { gbdtToOnnx } from "../../lib/model/onnx/mod.ts";
import type { Dataset, GbdtModel, Tree } from "../../lib/model/types.ts";
import { createRng, type Rng } from "../../lib/random/mod.ts";
import { promote, registerVersion } from "../../lib/registry/mod.ts";
import { DEFAULT_TIERS, type TierSpec } from "../../lib/tiers/mod.ts";
import { writeServingArtifacts } from "../../lib/registry/mod.ts";
import { createEmptyTree } from "../../lib/model/tree.ts";

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
  /**
   * Registers the same model again with other tiers and promotes it (to Production, or to
   * Staging: @challenger); returns its id.
   */
  registerAgain(tiers: TierSpec, stage?: "Production" | "Staging"): Promise<string>;
  dispose(): Promise<void>;
}

let shared: Promise<ServingFixture> | undefined;

/**
 * Builds the fixture once per test process (about a second); `fresh` builds a private
 * one for a test that changes the registry.
 */
export function servingFixture(options: { fresh?: boolean } = {}): Promise<ServingFixture> {
  if (options.fresh) return buildFixture();
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
  const gbdt = randomForestModel(train, createRng(17), 30, 4);
  const testData = takeRows(data, testIndex);
  const candidate = join(root, "candidate");
  await Deno.mkdir(candidate);
  await Deno.writeTextFile(join(candidate, "model.json"), JSON.stringify(gbdt));
  await Deno.writeFile(join(candidate, "model.onnx"), gbdtToOnnx(gbdt));
  await Deno.writeTextFile(join(candidate, "manifest.json"), JSON.stringify(store.manifest));
  const registry = join(root, "registry");
  let round = 0;
  const register = async (tiers: TierSpec, stage: "Production" | "Staging" = "Production") => {
    const dir = join(root, `serving-${round++}`);
    await Deno.mkdir(dir);
    const serving = await writeServingArtifacts({
      dir,
      manifest: store.manifest,
      featureStore: store.storePath,
      source: "synthetic",
      contract: homeCreditContract("application_train", { source: "synthetic" }),
      tiers,
      exampleFrom: join(raw, "application_train.parquet"),
    });
    const artifacts: Record<string, string> = { ...serving };
    for (const name of ["model.json", "model.onnx", "manifest.json"]) {
      artifacts[name] = join(candidate, name);
    }
    artifacts[REASONS_FILE] = fileURLToPath(new URL("../../reasons.yaml", import.meta.url));
    const info = await registerVersion(registry, {
      artifacts,
      metrics: { "test.auc": 0.7 },
      gatePassed: true,
      lineage: { fixture: true },
    });
    await promote(registry, info.version, stage);
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

/**
 * A GBDT of random trees: splits on random features at thresholds taken from training
 * values, covers counted from the rows reaching each node (TreeSHAP needs them).
 */
export function randomForestModel(
  data: Dataset,
  rng: Rng,
  trees: number,
  depth: number,
): GbdtModel {
  const grown: Tree[] = [];
  for (let t = 0; t < trees; t++) {
    const tree: Tree = createEmptyTree();
    const grow = (rows: number[], level: number): number => {
      const node = tree.feature.length;
      tree.feature.push(-1);
      tree.threshold.push(0);
      tree.defaultLeft.push(false);
      tree.left.push(-1);
      tree.right.push(-1);
      tree.value.push(0);
      tree.cover.push(rows.length + 1);
      tree.gain.push(0);
      const j = rng.int(0, data.features.length - 1);
      const seen = rows.map((i) => data.columns[j][i]).filter((v) => !Number.isNaN(v));
      if (level === depth || seen.length < 2) {
        tree.value[node] = (rng.float() - 0.5) * 0.6;
        return node;
      }
      const threshold = Math.fround(seen[rng.int(0, seen.length - 1)]);
      const defaultLeft = rng.float() < 0.5;
      const goesLeft = (i: number) => {
        const x = data.columns[j][i];
        return Number.isNaN(x) ? defaultLeft : Math.fround(x) < threshold;
      };
      tree.feature[node] = j;
      tree.threshold[node] = threshold;
      tree.defaultLeft[node] = defaultLeft;
      tree.gain[node] = 1;
      tree.left[node] = grow(rows.filter(goesLeft), level + 1);
      tree.right[node] = grow(rows.filter((i) => !goesLeft(i)), level + 1);
      return node;
    };
    grow(Array.from({ length: data.rows }, (_, i) => i), 0);
    grown.push(tree);
  }
  return {
    format: "riskpipe.gbdt",
    formatVersion: 1,
    objective: "binary:logistic",
    baseMargin: -2.4,
    features: data.features,
    trees: grown,
    params: { fixture: "random trees" },
  };
}
