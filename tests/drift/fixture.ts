/**
 * A small real pipeline for drift tests, in a temp dir: synthetic Home Credit tables →
 * feature store → a train/test split by key → a quick GBDT registered (with serving.json
 * and the feature snapshot) and promoted to Production. Built once per test process.
 */
import { join } from "node:path";
import { openDuckDb, quoteLiteral } from "../../lib/duckdb/mod.ts";
import { homeCreditContract } from "../../lib/contracts/mod.ts";
import { ingestSynthetic } from "../../lib/data/ingest/mod.ts";
import { buildFeatureStore, type FeatureManifest } from "../../lib/features/mod.ts";
import { readDataset } from "../../lib/features/read_dataset.ts";
import type { Dataset, GbdtModel, Tree } from "../../lib/model/types.ts";
import { gbdtToOnnx } from "../../lib/model/onnx/mod.ts";
import { promote, registerVersion } from "../../lib/registry/mod.ts";
import { DEFAULT_TIERS } from "../../lib/tiers/mod.ts";
import { writeServingArtifacts } from "../../lib/registry/mod.ts";
import { readTestRows } from "../../lib/drift/simulate.ts";
import { REFERENCE_SKETCH_FILE } from "../../lib/drift/sketch/mod.ts";
import { DEFAULT_DRIFT_THRESHOLDS } from "../../lib/drift/stats/mod.ts";
import { writeReferenceSketch } from "../../lib/drift/write_sketch.ts";
import { readVersion } from "../../lib/registry/mod.ts";
import { readVersionModel } from "../../lib/scoring/chosen_model.ts";

/** Paths and rows of the fixture. */
export interface DriftFixture {
  root: string;
  manifest: FeatureManifest;
  manifestPath: string;
  registry: string;
  trainPath: string;
  testPath: string;
  applicationPath: string;
  /** Raw application rows (target removed) of the test split, by key. */
  testRows: Record<string, unknown>[];
}

/** Applicants generated: 4 in 5 train, 1 in 5 test. */
export const FIXTURE_APPLICANTS = 3000;

let shared: Promise<DriftFixture> | undefined;

/** The fixture, built on first use in this test process. */
export function driftFixture(): Promise<DriftFixture> {
  shared ??= buildDriftFixture(FIXTURE_APPLICANTS);
  return shared;
}

/** Builds a fixture of `applicants` in a new temp dir (the caller removes `root`). */
export async function buildDriftFixture(applicants: number): Promise<DriftFixture> {
  const root = await Deno.makeTempDir({ prefix: "riskpipe-drift-" });
  const raw = join(root, "raw");
  await ingestSynthetic({ outDir: raw, seed: 3, applicants, threads: 1 });
  const store = await buildFeatureStore({
    parquetDir: raw,
    outDir: join(root, "features"),
    threads: 1,
  });
  const manifest = store.manifest;
  const trainPath = join(root, "train.parquet");
  const testPath = join(root, "test.parquet");
  const conn = await openDuckDb({ threads: 1 });
  try {
    for (const [path, test] of [[trainPath, false], [testPath, true]] as const) {
      await conn.run(
        `copy (select * from read_parquet(${
          quoteLiteral(store.storePath)
        }) where (${manifest.key} % 5 = 0) = ${test}) to ${quoteLiteral(path)} (format parquet)`,
      );
    }
  } finally {
    conn.closeSync();
  }
  const train = await readDataset(trainPath, manifest);
  const gbdt = stumpsModel(train, [
    "EXT_SOURCE_2",
    "EXT_SOURCE_3",
    "AMT_INCOME_TOTAL",
    "DAYS_BIRTH",
  ]);
  const candidate = join(root, "candidate");
  await Deno.mkdir(candidate);
  await Deno.writeTextFile(join(candidate, "model.json"), JSON.stringify(gbdt));
  await Deno.writeFile(join(candidate, "model.onnx"), gbdtToOnnx(gbdt));
  await Deno.writeTextFile(join(candidate, "manifest.json"), JSON.stringify(manifest));
  const serving = await writeServingArtifacts({
    dir: candidate,
    manifest,
    featureStore: store.storePath,
    source: "synthetic",
    contract: homeCreditContract("application_train", { source: "synthetic" }),
    tiers: DEFAULT_TIERS,
  });
  const artifacts: Record<string, string> = { ...serving };
  for (const name of ["model.json", "model.onnx", "manifest.json"]) {
    artifacts[name] = join(candidate, name);
  }
  const registry = join(root, "registry");
  const info = await registerVersion(registry, {
    artifacts,
    metrics: { "test.auc": 0.7 },
    gatePassed: true,
    lineage: { fixture: true },
  });
  await promote(registry, info.version, "Production");
  const applicationPath = join(raw, "application_train.parquet");
  const testRows = await readTestRows({
    applicationPath,
    testPath,
    key: manifest.key,
    target: manifest.target,
  });
  return {
    root,
    manifest,
    manifestPath: store.manifestPath,
    registry,
    trainPath,
    testPath,
    applicationPath,
    testRows,
  };
}

/**
 * One stump per named feature, split at its training median (missing values go left):
 * a real model of the shared format without depending on the trainer.
 */
function stumpsModel(data: Dataset, names: string[]): GbdtModel {
  const trees: Tree[] = names.map((name, k) => {
    const j = data.features.findIndex((f) => f.name === name);
    if (j < 0) throw new RangeError(`Fixture model: no feature "${name}"`);
    const seen = Float64Array.from(data.columns[j].filter((v) => !Number.isNaN(v))).sort();
    const median = Math.fround(seen[seen.length >> 1]);
    const leaf = 0.2 + 0.1 * k;
    return {
      feature: [j, -1, -1],
      threshold: [median, 0, 0],
      defaultLeft: [true, false, false],
      left: [1, -1, -1],
      right: [2, -1, -1],
      value: [0, leaf, -leaf],
      cover: [data.rows, seen.length >> 1, data.rows - (seen.length >> 1)],
      gain: [1, 0, 0],
    };
  });
  return {
    format: "riskpipe.gbdt",
    formatVersion: 1,
    objective: "binary:logistic",
    baseMargin: -2.4,
    features: data.features,
    trees,
    params: { fixture: "median stumps" },
  };
}

/**
 * A registry in `dir` whose Production version is the fixture's with a reference sketch of
 * `points` CDF points (default SKETCH_POINTS), as register writes it.
 */
export async function sketchedRegistry(
  fixture: DriftFixture,
  dir: string,
  points?: number,
): Promise<string> {
  const base = await readVersion(fixture.registry, "v0001");
  const { path } = await writeReferenceSketch({
    dir,
    referencePath: fixture.trainPath,
    manifestPath: fixture.manifestPath,
    model: await readVersionModel(base),
    bins: DEFAULT_DRIFT_THRESHOLDS.bins,
    ...(points === undefined ? {} : { points }),
  });
  const artifacts = Object.fromEntries(
    Object.keys(base.artifacts).map((name) => [name, join(base.dir, name)]),
  );
  artifacts[REFERENCE_SKETCH_FILE] = path;
  const registry = join(dir, "registry");
  const info = await registerVersion(registry, {
    artifacts,
    metrics: { "test.auc": 0.7 },
    gatePassed: true,
    lineage: { fixture: true },
  });
  await promote(registry, info.version, "Production");
  return registry;
}
