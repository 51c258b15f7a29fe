/**
 * Batch scoring speed against raw onnxruntime on the same model. `deno bench -A
 * bench/score_bench.ts` builds a seeded registry (5,000 synthetic applicants, a 100-round
 * depth-4 GBDT over the 149 application features) and times, on the same 5,000 rows:
 * `scoreFile` end to end (parquet in, validation, request-time features, ONNX in chunks
 * of 4,096, tiers, parquet out) and onnxruntime alone on the precomputed float32 block
 * (the floor). On a registry of your own (e.g. after `deno task repro`):
 *
 *   deno run -A bench/score_bench.ts --registry data/registry \
 *     --input data/raw/parquet/application_train.parquet
 *
 * prints rows/s for each step (read, validate, features, ONNX) and the end-to-end ratio.
 * Goal (issue 5): batch scoring ≥ 0.8× raw onnxruntime rows/s.
 */
import { join } from "node:path";
import { generateHomeCredit } from "../lib/data/home_credit/generator/mod.ts";
import { validateRow } from "../lib/contracts/mod.ts";
import { homeCreditContract } from "../lib/contracts/mod.ts";
import { homeCreditManifest, requestFeatures } from "../lib/features/mod.ts";
import { serializeGbdtModel, trainGbdt } from "../lib/model/gbdt/mod.ts";
import { gbdtToOnnx, openOnnxScorer } from "../lib/model/onnx/mod.ts";
import { productionVersion, promote, registerVersion } from "../lib/registry/mod.ts";
import { openScoringInput, scoreFile } from "../lib/scoring/mod.ts";
import { loadServingModel, type ServingModel } from "../lib/scoring/mod.ts";
import { openDuckDb, queryRows, quoteLiteral } from "../lib/duckdb/mod.ts";

const CHUNK = 4096;

/** A registry with one Production version trained on `applicants` synthetic rows. */
async function buildRegistry(dir: string, applicants: number): Promise<string> {
  const raw = join(dir, "raw");
  await generateHomeCredit({ outDir: raw, seed: 42, applicants });
  const input = join(raw, "application_train.parquet");
  const conn = await openDuckDb();
  const rows = await queryRows(conn, `select * from read_parquet(${quoteLiteral(input)})`);
  conn.closeSync();
  const manifest = homeCreditManifest([]);
  const columns = manifest.features.map(() => new Float64Array(rows.length));
  rows.forEach((row, i) => {
    requestFeatures(row as never, manifest).forEach((v, j) => columns[j][i] = v);
  });
  const label = Float64Array.from(rows, (row) => Number(row.TARGET));
  const gbdt = await trainGbdt(
    { features: manifest.features, columns, rows: rows.length, label },
    { n_rounds: 100, max_depth: 4, learning_rate: 0.1 },
  );
  const files = join(dir, "artifacts");
  await Deno.mkdir(files);
  await Deno.writeTextFile(join(files, "model.json"), serializeGbdtModel(gbdt));
  await Deno.writeFile(join(files, "model.onnx"), gbdtToOnnx(gbdt));
  await Deno.writeTextFile(join(files, "manifest.json"), JSON.stringify(manifest));
  await Deno.writeTextFile(
    join(files, "serving.json"),
    JSON.stringify({
      formatVersion: 1,
      source: "synthetic",
      contract: homeCreditContract("application_train", { source: "synthetic" }),
      omit: ["TARGET"],
      tiers: { names: ["low", "medium", "high"], thresholds: [0.05, 0.2] },
      snapshot: null,
    }),
  );
  const registry = join(dir, "registry");
  const names = ["model.json", "model.onnx", "manifest.json", "serving.json"];
  const info = await registerVersion(registry, {
    artifacts: Object.fromEntries(names.map((n) => [n, join(files, n)])),
    metrics: {},
    gatePassed: true,
    lineage: {},
  });
  await promote(registry, info.version, "Production");
  return input;
}

/** The validated feature block of every good row of `input`, float32 row-major. */
async function featureBlock(model: ServingModel, input: string) {
  const omit = new Set(model.info.omit);
  const file = await openScoringInput(input, model.info.contract, (name) => !omit.has(name));
  const width = model.manifest.features.length;
  const block = new Float32Array(file.rows * width);
  let rows = 0;
  const times = { read: 0, validate: 0, features: 0 };
  let t = performance.now();
  for await (const chunk of file.chunks(CHUNK)) {
    times.read += performance.now() - t;
    // As scoreFile does: the compiled check, zod only for rows it does not accept, then
    // the chunk's features in one pass.
    const valid: Record<string, unknown>[] = [];
    t = performance.now();
    for (const raw of chunk.rows) {
      if (model.fastCheck(raw)) valid.push(raw);
      else {
        const checked = validateRow(model.schema, raw);
        if (checked.success) valid.push(checked.data);
      }
    }
    times.validate += performance.now() - t;
    t = performance.now();
    const features = model.featuresOfBatch(valid);
    block.set(features, rows * width);
    times.features += performance.now() - t;
    rows += valid.length;
    t = performance.now();
  }
  file.close();
  return { block: block.subarray(0, rows * width), rows, width, times, inputRows: file.rows };
}

async function rawOnnxMs(model: ServingModel, registry: string, block: Float32Array, rows: number) {
  const bytes = await Deno.readFile(join(registry, "versions", model.version, "model.onnx"));
  const scorer = await openOnnxScorer(bytes, model.manifest.features.length);
  const width = model.manifest.features.length;
  const run = async () => {
    for (let i = 0; i < rows; i += CHUNK) {
      const n = Math.min(CHUNK, rows - i);
      await scorer.score(block.subarray(i * width, (i + n) * width), n);
    }
  };
  await run(); // warm-up
  const t = performance.now();
  await run();
  const ms = performance.now() - t;
  await scorer.release();
  return ms;
}

const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000))} rows/s`;

if (import.meta.main && Deno.args.length > 0) {
  const arg = (flag: string) => {
    const at = Deno.args.indexOf(flag);
    return at >= 0 ? Deno.args[at + 1] : undefined;
  };
  const dir = await Deno.makeTempDir({ prefix: "score-bench-" });
  try {
    const registry = arg("--registry") ?? join(dir, "registry");
    const input = arg("--input") ??
      await buildRegistry(dir, Number(arg("--applicants") ?? 20_000));
    const version = await productionVersion(registry);
    if (version === undefined) throw new Error(`No Production version in ${registry}`);
    const model = await loadServingModel(registry, version);
    const { block, rows, times, inputRows } = await featureBlock(model, input);
    const onnxMs = await rawOnnxMs(model, registry, block, rows);
    await model.release();
    const out = join(dir, "scores.parquet");
    await scoreFile({ inputPath: input, outputPath: out, registry, chunkRows: CHUNK }); // warm-up
    const t = performance.now();
    const result = await scoreFile({ inputPath: input, outputPath: out, registry });
    const endToEnd = performance.now() - t;
    console.log(`${version}: ${model.manifest.features.length} features, ${inputRows} rows`);
    console.log(`read       ${rate(inputRows, times.read)}`);
    console.log(`validate   ${rate(inputRows, times.validate)}`);
    console.log(`features   ${rate(rows, times.features)}`);
    console.log(`raw onnx   ${rate(rows, onnxMs)}  (chunks of ${CHUNK})`);
    console.log(`scoreFile  ${rate(result.scoredRows, endToEnd)}  end to end`);
    console.log(`ratio      ${(onnxMs / endToEnd).toFixed(3)}× raw onnxruntime (goal ≥ 0.8×)`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
} else {
  const dir = await Deno.makeTempDir({ prefix: "score-bench-" });
  globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
  const input = await buildRegistry(dir, 5_000);
  const registry = join(dir, "registry");
  const model = await loadServingModel(registry, (await productionVersion(registry))!);
  const { block, rows } = await featureBlock(model, input);
  const bytes = await Deno.readFile(join(registry, "versions", model.version, "model.onnx"));
  const scorer = await openOnnxScorer(bytes, model.manifest.features.length);
  const width = model.manifest.features.length;
  Deno.bench({
    name: `onnxruntime alone, ${rows} rows in chunks of ${CHUNK}`,
    group: "score",
    baseline: true,
    async fn() {
      for (let i = 0; i < rows; i += CHUNK) {
        const n = Math.min(CHUNK, rows - i);
        await scorer.score(block.subarray(i * width, (i + n) * width), n);
      }
    },
  });
  Deno.bench({
    name: `scoreFile end to end, ${rows} rows (parquet in and out)`,
    group: "score",
    n: 5,
    async fn() {
      await scoreFile({ inputPath: input, outputPath: join(dir, "scores.parquet"), registry });
    },
  });
}
