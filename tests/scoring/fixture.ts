/**
 * A tiny registry for the batch-scoring tests: 300 seeded synthetic applicants, a
 * 15-round GBDT over the application features computed by requestFeatures, exported to
 * ONNX, registered with a serving.json (two tiers at 0.1) and promoted to Production.
 */
import { join } from "node:path";
import { generateHomeCredit } from "../../lib/data/home_credit/generator/mod.ts";
import { openDuckDb, queryRows, quoteLiteral } from "../../lib/duckdb/mod.ts";
import { homeCreditContract } from "../../lib/contracts/mod.ts";
import { homeCreditManifest, requestFeatures } from "../../lib/features/mod.ts";
import type { FeatureManifest } from "../../lib/features/mod.ts";
import { predictProba, serializeGbdtModel, trainGbdt } from "../../lib/model/gbdt/mod.ts";
import { gbdtToOnnx } from "../../lib/model/onnx/mod.ts";
import type { Dataset, GbdtModel } from "../../lib/model/types.ts";
import { promote, registerVersion } from "../../lib/registry/mod.ts";

/** The registry, the raw rows it was trained on and the TypeScript predictor's scores. */
export interface TinyRegistry {
  dir: string;
  registry: string;
  version: string;
  manifest: FeatureManifest;
  gbdt: GbdtModel;
  /** Raw application_train rows (TARGET included), in file order. */
  rows: Record<string, unknown>[];
  /** application_train.parquet of those rows. */
  parquet: string;
  /** TypeScript probabilities of `rows`. */
  expected: Float64Array;
}

/** Tiers stored with the tiny version. */
export const TINY_TIERS = { names: ["accept", "review"], thresholds: [0.1] };

/** Builds the tiny registry in a temp dir (remove `dir` afterwards). */
export async function buildTinyRegistry(): Promise<TinyRegistry> {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-score-" });
  const raw = join(dir, "raw");
  await generateHomeCredit({ outDir: raw, seed: 3, applicants: 300, threads: 1 });
  const parquet = join(raw, "application_train.parquet");
  const conn = await openDuckDb({ threads: 1 });
  const rows = await queryRows(conn, `select * from read_parquet(${quoteLiteral(parquet)})`);
  conn.closeSync();
  const manifest = homeCreditManifest([]);
  const data = datasetOf(rows, manifest);
  const gbdt = await trainGbdt(data, { n_rounds: 15, max_depth: 3, learning_rate: 0.3 });
  const artifacts = join(dir, "artifacts");
  await Deno.mkdir(artifacts);
  await Deno.writeTextFile(join(artifacts, "model.json"), serializeGbdtModel(gbdt));
  await Deno.writeFile(join(artifacts, "model.onnx"), gbdtToOnnx(gbdt));
  await Deno.writeTextFile(join(artifacts, "manifest.json"), JSON.stringify(manifest));
  await Deno.writeTextFile(
    join(artifacts, "serving.json"),
    JSON.stringify({
      formatVersion: 1,
      source: "synthetic",
      contract: homeCreditContract("application_train", { source: "synthetic" }),
      omit: ["TARGET"],
      tiers: TINY_TIERS,
      snapshot: null,
    }),
  );
  const registry = join(dir, "registry");
  const names = ["model.json", "model.onnx", "manifest.json", "serving.json"];
  const info = await registerVersion(registry, {
    artifacts: Object.fromEntries(names.map((n) => [n, join(artifacts, n)])),
    metrics: {},
    gatePassed: true,
    lineage: {},
    now: new Date(Date.UTC(2026, 10, 1)),
  });
  await promote(registry, info.version, "Production");
  return {
    dir,
    registry,
    version: info.version,
    manifest,
    gbdt,
    rows,
    parquet,
    expected: predictProba(gbdt, data),
  };
}

/** The features of raw rows, column-major, with TARGET as the label. */
export function datasetOf(rows: Record<string, unknown>[], manifest: FeatureManifest): Dataset {
  const width = manifest.features.length;
  const columns = Array.from({ length: width }, () => new Float64Array(rows.length));
  rows.forEach((row, i) => {
    const x = requestFeatures(row as never, manifest);
    for (let j = 0; j < width; j++) columns[j][i] = x[j];
  });
  return {
    features: manifest.features,
    columns,
    rows: rows.length,
    label: Float64Array.from(rows, (row) => Number(row.TARGET)),
  };
}
