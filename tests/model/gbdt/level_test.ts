import assert from "node:assert/strict";
import { planBlocks } from "../../../lib/model/gbdt/histogram.ts";
import { binBufferBytes, createBinLayout, GROUP_WIDTH } from "../../../lib/model/gbdt/layout.ts";
import { bestOfBlocks, RESULT_WIDTH, runLevelBlock } from "../../../lib/model/gbdt/level.ts";
import { findBestSplit } from "../../../lib/model/gbdt/split.ts";
import { createRng } from "../../../lib/random/mod.ts";

const rng = createRng(42);
const rows = 400;
const featureCount = 20;
const valueBins = 6;
const layout = createBinLayout(
  new ArrayBuffer(binBufferBytes(rows, featureCount)),
  rows,
  featureCount,
);
for (let f = 0; f < featureCount; f++) {
  for (let i = 0; i < rows; i++) layout.bins[f][i * GROUP_WIDTH] = rng.int(0, valueBins);
}
const missingBin = new Int32Array(featureCount).fill(valueBins);
const offsets = Int32Array.from({ length: featureCount + 1 }, (_, f) => f * (valueBins + 1));
const gradients = Float64Array.from({ length: 2 * rows }, (_, k) => (k % 2 ? 0.25 : rng.normal()));
const features = Int32Array.from({ length: featureCount }, (_, f) => f);
const slotLength = offsets[featureCount] * 2;
const rules = { lambda: 1, minChildWeight: 1 };

Deno.test("block-wise split search and subtraction agree with the serial scan", () => {
  // The parent (all rows) sits in slot 1; task: the even rows into slot 0.
  const hist = new Float64Array(2 * slotLength);
  const all = Uint32Array.from({ length: rows }, (_, i) => i);
  const parentJob = jobFor([slotLength], [-1], sums(all));
  const allBatch = { rows: all, targets: new Int32Array(rows).fill(slotLength), count: rows };
  for (let b = 0; b < parentJob.blocks; b++) {
    runLevelBlock({ layout, offsets, missingBin, gradients, batch: allBatch, hist }, parentJob, b);
  }
  const even = all.filter((i) => i % 2 === 0);
  const odd = all.filter((i) => i % 2 === 1);
  const evenBatch = { rows: even, targets: new Int32Array(even.length), count: even.length };
  const job = jobFor([0], [slotLength], [...sums(even), ...sums(odd)]);
  for (let b = 0; b < job.blocks; b++) {
    runLevelBlock({ layout, offsets, missingBin, gradients, batch: evenBatch, hist }, job, b);
  }
  const [eg, eh] = sums(even);
  const [og, oh] = sums(odd);
  const serialEven = findBestSplit(hist, 0, offsets, missingBin, features, eg, eh, rules);
  const serialOdd = findBestSplit(hist, slotLength, offsets, missingBin, features, og, oh, rules);
  assert.ok(serialEven.feature >= 0 && serialOdd.feature >= 0);
  assert.deepEqual(bestOfBlocks(job.results, 0, job.blocks), serialEven);
  assert.deepEqual(bestOfBlocks(job.results, 1, job.blocks), serialOdd);
});

function sums(rowIds: Uint32Array): number[] {
  let g = 0;
  let h = 0;
  for (const row of rowIds) {
    g += gradients[2 * row];
    h += gradients[2 * row + 1];
  }
  return [g, h];
}

function jobFor(slots: number[], siblings: number[], stats: number[]) {
  const blockStarts = planBlocks(features);
  const blocks = blockStarts.length - 1;
  return {
    slotBases: Int32Array.from(slots),
    siblingBases: Int32Array.from(siblings),
    stats: Float64Array.from(siblings[0] < 0 ? [...stats, 0, 0] : stats),
    features,
    blockStarts,
    rules,
    blocks,
    results: new Float64Array(2 * slots.length * blocks * RESULT_WIDTH),
  };
}
