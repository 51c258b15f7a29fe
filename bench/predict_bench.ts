/**
 * Scoring speed of one GBDT — 300 trees of depth 6 over 200 synthetic features, trained
 * on 20,000 seeded rows — through the TypeScript predictor and through onnxruntime-node
 * (the exported TreeEnsembleClassifier, one intra-op thread), at batch sizes 1 and 1,000.
 *
 *   deno bench -A bench/predict_bench.ts
 *   deno run -A bench/predict_bench.ts --report   # rows/s per path and batch size
 *
 * The TS batch path scores a column-major Dataset (predictProba); the ONNX batch path
 * is timed on a prepared row-major float32 block and, separately, including that
 * conversion (toRowMajorFloat32), which a caller holding columns has to pay.
 */
import { predictProba, predictRowMargin, sigmoid, trainGbdt } from "../lib/model/gbdt/mod.ts";
import { makeSyntheticDataset } from "../lib/model/gbdt/synthetic.ts";
import { gbdtToOnnx, openOnnxScorer, toRowMajorFloat32 } from "../lib/model/onnx/mod.ts";
import { takeRows } from "../lib/model/dataset.ts";

const FEATURES = 200;
const BATCH = 1000;
const train = makeSyntheticDataset({ rows: 20_000, features: FEATURES, seed: 11 });
const model = await trainGbdt(train, { n_rounds: 300, max_depth: 6, learning_rate: 0.1 });
const scoring = makeSyntheticDataset({ rows: 8 * BATCH, features: FEATURES, seed: 12 });
const scorer = await openOnnxScorer(gbdtToOnnx(model), FEATURES);
const rowValues = Array.from({ length: 64 }, (_, i) => {
  const row = new Float64Array(FEATURES);
  for (let j = 0; j < FEATURES; j++) row[j] = scoring.columns[j][i];
  return row;
});
const rowBlocks = rowValues.map((row) => Float32Array.from(row));
const batches = Array.from(
  { length: 8 },
  (_, b) => takeRows(scoring, Array.from({ length: BATCH }, (_, k) => b * BATCH + k)),
);
const batchBlocks = batches.map((batch) => toRowMajorFloat32(batch.columns, batch.rows));
let next = 0;

/** One timed way of scoring `rows` rows per call. */
interface Path {
  name: string;
  rows: number;
  run(): unknown;
}

const paths: Path[] = [
  {
    name: "TS predictor, batch 1 (predictRowMargin + sigmoid)",
    rows: 1,
    run: () => sigmoid(predictRowMargin(model, rowValues[next++ % rowValues.length])),
  },
  {
    name: "ONNX, batch 1",
    rows: 1,
    run: () => scorer.score(rowBlocks[next++ % rowBlocks.length], 1),
  },
  {
    name: `TS predictor, batch ${BATCH} (predictProba on columns)`,
    rows: BATCH,
    run: () => predictProba(model, batches[next++ % batches.length]),
  },
  {
    name: `ONNX, batch ${BATCH} (row-major float32 ready)`,
    rows: BATCH,
    run: () => scorer.score(batchBlocks[next++ % batchBlocks.length], BATCH),
  },
  {
    name: `ONNX, batch ${BATCH} (including toRowMajorFloat32)`,
    rows: BATCH,
    run: () => {
      const batch = batches[next++ % batches.length];
      return scorer.score(toRowMajorFloat32(batch.columns, batch.rows), BATCH);
    },
  },
];

for (const path of paths) {
  Deno.bench({
    name: path.name,
    async fn() {
      await path.run();
    },
  });
}

async function report(): Promise<void> {
  console.log(
    `model: ${model.trees.length} trees, max depth 6, ${FEATURES} features ` +
      `(synthetic, 20,000 training rows)`,
  );
  for (const path of paths) {
    for (let i = 0; i < 50; i++) await path.run();
    let calls = 0;
    const started = performance.now();
    while (performance.now() - started < 2000) {
      await path.run();
      calls++;
    }
    const seconds = (performance.now() - started) / 1000;
    const rowsPerSecond = Math.round((calls * path.rows) / seconds).toLocaleString("en");
    const perCall = ((seconds / calls) * 1e6).toFixed(1);
    console.log(`${path.name.padEnd(52)} ${rowsPerSecond.padStart(10)} rows/s  ${perCall} µs/call`);
  }
  await scorer.release();
}

if (import.meta.main && Deno.args.includes("--report")) await report();
