/**
 * A csv source with a free-text column, in a temp dir: a seeded CSV (id, age, a loan
 * purpose in words, a yes/no target) → ingest (purpose inferred as text) → the feature
 * store (purpose kept as text) → the split (TF-IDF fitted on the train part) → a one-tree
 * model splitting on "purpose:late payment" → a Production version over the split
 * manifest, ready for `loadServingModel` and the app harness.
 */
import { join } from "node:path";
import { ingestCsv } from "../../../lib/data/csv/mod.ts";
import { readCsvContract } from "../../../lib/contracts/mod.ts";
import { openDuckDb, queryRows, quoteLiteral } from "../../../lib/duckdb/mod.ts";
import { buildFeatureStore, type FeatureManifest } from "../../../lib/features/mod.ts";
import { gbdtToOnnx } from "../../../lib/model/onnx/mod.ts";
import { takeRows } from "../../../lib/model/dataset.ts";
import { readDataset } from "../../../lib/features/read_dataset.ts";
import { predictProba } from "../../../lib/model/gbdt/predict.ts";
import type { GbdtModel } from "../../../lib/model/types.ts";
import { createRng } from "../../../lib/random/mod.ts";
import { promote, registerVersion } from "../../../lib/registry/mod.ts";
import { DEFAULT_TIERS } from "../../../lib/tiers/mod.ts";
import { writeServingArtifacts } from "../../../lib/registry/mod.ts";
import { splitFeatureStore } from "../../../lib/split/mod.ts";
import type { ServingFixture } from "../../scoring/serving_fixture.ts";

const PHRASES = [
  "late payment on the car loan",
  "new ovens for the family bakery",
  "debt consolidation of two credit cards",
  "roof repair after the winter storm",
  "medical bills after an accident",
  "wedding and honeymoon expenses",
];

/** The fixture's parts beyond a serving fixture's. */
export interface TextFixture extends ServingFixture {
  /** The split manifest (store features, then the TF-IDF features). */
  splitManifest: FeatureManifest;
  /** The raw rows of the train part and the test part (as a client sends them), in part order. */
  rawRows: { train: Record<string, unknown>[]; test: Record<string, unknown>[] };
  csvPath: string;
}

/** Builds the fixture (a fresh one per call; dispose it). */
export async function textFixture(): Promise<TextFixture> {
  const root = await Deno.makeTempDir({ prefix: "riskpipe-text-" });
  const rng = createRng(5);
  const lines = ["loan_id,age,purpose,defaulted"];
  for (let i = 1; i <= 160; i++) {
    const phrase = PHRASES[rng.int(0, PHRASES.length - 1)];
    const extra = ["again", "urgently", "this spring", "for my sister", ""][rng.int(0, 4)];
    const purpose = rng.bernoulli(0.05) ? "" : `"${phrase} ${extra}, №${i}"`;
    const late = phrase.startsWith("late");
    const target = rng.bernoulli(late ? 0.7 : 0.15) ? "yes" : "no";
    lines.push(`${i},${rng.int(18, 80)},${purpose},${target}`);
  }
  const csvPath = join(root, "loans.csv");
  await Deno.writeTextFile(csvPath, lines.join("\n") + "\n");
  const raw = join(root, "raw");
  const csv = { idColumn: "loan_id", targetColumn: "defaulted", positiveLabel: "yes" };
  const contractPath = join(root, "csv.contract.json");
  const ingested = await ingestCsv({ path: csvPath, ...csv, contractPath, outDir: raw });
  const store = await buildFeatureStore({
    parquetDir: raw,
    outDir: join(root, "features"),
    csv,
    threads: 1,
  });
  const splitDir = join(root, "split");
  await splitFeatureStore({
    storePath: store.storePath,
    manifest: store.manifest,
    outDir: splitDir,
    testSize: 0.25,
    seed: 3,
    targetRateTolerance: 0.05,
    leakageAucMax: 0.99,
    threads: 1,
    text: { maxVocabulary: 100, minDocumentFrequency: 3 },
  });
  const splitManifest: FeatureManifest = JSON.parse(
    await Deno.readTextFile(join(splitDir, "manifest.json")),
  );
  const test = await readDataset(join(splitDir, "test.parquet"), splitManifest);
  const gbdt = lateTermModel(splitManifest);
  const candidate = join(root, "candidate");
  await Deno.mkdir(candidate);
  await Deno.writeTextFile(join(candidate, "model.json"), JSON.stringify(gbdt));
  await Deno.writeFile(join(candidate, "model.onnx"), gbdtToOnnx(gbdt));
  await Deno.writeTextFile(join(candidate, "manifest.json"), JSON.stringify(splitManifest));
  const registry = join(root, "registry");
  const register = async (tiers = DEFAULT_TIERS) => {
    const dir = await Deno.makeTempDir({ dir: root });
    const serving = await writeServingArtifacts({
      dir,
      manifest: splitManifest,
      featureStore: store.storePath,
      source: "csv",
      contract: (await readCsvContract(contractPath)).contract,
      tiers,
      exampleFrom: ingested.parquetPath,
    });
    const artifacts: Record<string, string> = { ...serving };
    for (const name of ["model.json", "model.onnx", "manifest.json"]) {
      artifacts[name] = join(candidate, name);
    }
    const info = await registerVersion(registry, {
      artifacts,
      metrics: { "test.auc": 0.7 },
      gatePassed: true,
      lineage: { fixture: "text" },
    });
    await promote(registry, info.version, "Production");
    return info.version;
  };
  await register();
  const rawRows = await rawRowsOf(ingested.parquetPath, splitDir, splitManifest.key);
  return {
    root,
    registry,
    manifest: splitManifest,
    splitManifest,
    gbdt,
    testRows: rawRows.test,
    testData: takeRows(test, Array.from({ length: test.rows }, (_, i) => i)),
    expected: predictProba(gbdt, test),
    rawRows,
    csvPath,
    registerAgain: register,
    dispose: () => Deno.remove(root, { recursive: true }),
  };
}

/** One tree: "late payment" in the purpose raises the risk, its absence lowers it. */
function lateTermModel(manifest: FeatureManifest): GbdtModel {
  const j = manifest.features.findIndex((f) => f.name === "purpose:late payment");
  if (j < 0) throw new Error('The fixture\'s vocabulary lacks "late payment"');
  return {
    format: "riskpipe.gbdt",
    formatVersion: 1,
    objective: "binary:logistic",
    baseMargin: -1,
    features: manifest.features,
    trees: [{
      feature: [j, -1, -1],
      threshold: [Math.fround(0.01), 0, 0],
      defaultLeft: [true, false, false],
      left: [1, -1, -1],
      right: [2, -1, -1],
      value: [0, -0.5, 1.5],
      cover: [120, 80, 40],
      gain: [1, 0, 0],
    }],
    params: { fixture: "late payment" },
  };
}

async function rawRowsOf(
  tablePath: string,
  splitDir: string,
  key: string,
): Promise<TextFixture["rawRows"]> {
  const conn = await openDuckDb({ threads: 1 });
  try {
    const rows = await queryRows(
      conn,
      `SELECT * EXCLUDE (defaulted) FROM read_parquet(${quoteLiteral(tablePath)})`,
    );
    const byId = new Map(rows.map((row) => [row[key], row]));
    const part = async (name: string) =>
      (await queryRows(
        conn,
        `SELECT ${key} AS k FROM read_parquet(${quoteLiteral(join(splitDir, `${name}.parquet`))})`,
      )).map((r) => byId.get(r.k)!);
    return { train: await part("train"), test: await part("test") };
  } finally {
    conn.closeSync();
  }
}
