/**
 * A served model over the csv source, in a temp dir: a seeded one-table CSV (integer,
 * float with blanks, category, boolean words, a yes/no target) → ingest with its
 * inferred contract → csv feature store → random trees → a Production version whose
 * serving.json carries the csv contract, its reading rules and an example row from the CSV.
 */
import { join } from "node:path";
import { readCsvContract } from "../../lib/contracts/mod.ts";
import { ingestCsv } from "../../lib/data/csv/mod.ts";
import { openDuckDb, queryRows, quoteLiteral } from "../../lib/duckdb/mod.ts";
import { buildFeatureStore } from "../../lib/features/mod.ts";
import { takeRows } from "../../lib/model/dataset.ts";
import { readDataset } from "../../lib/features/read_dataset.ts";
import { predictProba } from "../../lib/model/gbdt/predict.ts";
import { gbdtToOnnx } from "../../lib/model/onnx/mod.ts";
import { createRng } from "../../lib/random/mod.ts";
import { promote, registerVersion } from "../../lib/registry/mod.ts";
import { DEFAULT_TIERS } from "../../lib/tiers/mod.ts";
import { writeServingArtifacts } from "../../lib/registry/mod.ts";
import { randomForestModel, type ServingFixture } from "./serving_fixture.ts";

/** Builds the csv fixture (a fresh one per call; dispose it). */
export async function csvServingFixture(): Promise<ServingFixture> {
  const root = await Deno.makeTempDir({ prefix: "riskpipe-serving-csv-" });
  const rng = createRng(23);
  const lines = ["loan_id,age,income,city,member,defaulted"];
  for (let i = 1; i <= 120; i++) {
    const income = rng.bernoulli(0.1) ? "" : (20000 + rng.float() * 80000).toFixed(2);
    const city = ["Oslo", "Bergen", "Trondheim"][rng.int(0, 2)];
    const member = rng.bernoulli(0.5) ? "yes" : "no";
    const target = rng.bernoulli(0.3) ? "yes" : "no";
    lines.push(`${i},${rng.int(18, 80)},${income},${city},${member},${target}`);
  }
  const csvPath = join(root, "loans.csv");
  await Deno.writeTextFile(csvPath, lines.join("\n") + "\n");
  const raw = join(root, "raw");
  await Deno.mkdir(raw);
  const csv = { idColumn: "loan_id", targetColumn: "defaulted", positiveLabel: "yes" };
  const contractPath = join(root, "csv.contract.json");
  const ingested = await ingestCsv({ path: csvPath, ...csv, contractPath, outDir: raw });
  const store = await buildFeatureStore({
    parquetDir: raw,
    outDir: join(root, "features"),
    csv,
    threads: 1,
  });
  const data = await readDataset(store.storePath, store.manifest);
  const all = Array.from({ length: data.rows }, (_, i) => i);
  const gbdt = randomForestModel({ ...data, label: data.label! }, rng, 10, 3);
  const candidate = join(root, "candidate");
  await Deno.mkdir(candidate);
  await Deno.writeTextFile(join(candidate, "model.json"), JSON.stringify(gbdt));
  await Deno.writeFile(join(candidate, "model.onnx"), gbdtToOnnx(gbdt));
  await Deno.writeTextFile(join(candidate, "manifest.json"), JSON.stringify(store.manifest));
  const registry = join(root, "registry");
  let round = 0;
  const register = async (tiers = DEFAULT_TIERS) => {
    const dir = join(root, `serving-${round++}`);
    await Deno.mkdir(dir);
    const file = await readCsvContract(contractPath);
    const serving = await writeServingArtifacts({
      dir,
      manifest: store.manifest,
      featureStore: store.storePath,
      source: "csv",
      contract: file.contract,
      tiers,
      exampleFrom: ingested.parquetPath,
      csv: file.csv,
      csvPath,
    });
    const artifacts: Record<string, string> = { ...serving };
    for (const name of ["model.json", "model.onnx", "manifest.json"]) {
      artifacts[name] = join(candidate, name);
    }
    const info = await registerVersion(registry, {
      artifacts,
      metrics: { "test.auc": 0.6 },
      gatePassed: true,
      lineage: { fixture: "csv" },
    });
    await promote(registry, info.version, "Production");
    return info.version;
  };
  await register();
  const conn = await openDuckDb({ threads: 1 });
  let testRows: Record<string, unknown>[];
  try {
    const rows = await queryRows(
      conn,
      `select * exclude (defaulted) from read_parquet(${quoteLiteral(ingested.parquetPath)})`,
    );
    // In the feature store's order, so testRows[i] is testData's row i.
    const byId = new Map(rows.map((row) => [row.loan_id, row]));
    testRows = Array.from(data.ids, (id) => byId.get(id)!);
  } finally {
    conn.closeSync();
  }
  const testData = takeRows(data, all);
  return {
    root,
    registry,
    manifest: store.manifest,
    gbdt,
    testRows,
    testData,
    expected: predictProba(gbdt, testData),
    registerAgain: register,
    dispose: () => Deno.remove(root, { recursive: true }),
  };
}
