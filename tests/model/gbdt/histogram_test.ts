import assert from "node:assert/strict";
import {
  buildClaimedBlocks,
  buildFeatureBlock,
  featuresPerBlock,
  openBatch,
  subtractHistogram,
} from "../../../lib/model/gbdt/histogram.ts";

// Two features over four rows; feature 0 has 2 value bins + missing, feature 1 has 1 + missing.
const bins = [new Uint8Array([0, 1, 2, 1]), new Uint8Array([0, 0, 1, 0])];
const offsets = new Int32Array([0, 3, 5]);
const gradients = new Float64Array([1, 0.5, 2, 0.25, -1, 0.5, 4, 1]);
const features = new Int32Array([0, 1]);

Deno.test("a histogram sums each bin's gradients and hessians over the batch rows", () => {
  const hist = new Float64Array(10).fill(99);
  const batch = { rows: new Uint32Array([0, 1, 3]), targets: new Int32Array(3), count: 3 };
  buildFeatureBlock(bins, offsets, gradients, batch, hist, new Int32Array([0]), features, 0);
  assert.deepEqual([...hist], [1, 0.5, 6, 1.25, 0, 0, 7, 1.75, 0, 0]);
});

Deno.test("rows of different nodes land in their own histograms", () => {
  const hist = new Float64Array(20);
  const batch = {
    rows: new Uint32Array([0, 1, 2, 3]),
    targets: new Int32Array([0, 10, 0, 10]),
    count: 4,
  };
  buildFeatureBlock(bins, offsets, gradients, batch, hist, new Int32Array([0, 10]), features, 0);
  assert.deepEqual([...hist.subarray(0, 10)], [1, 0.5, 0, 0, -1, 0.5, 1, 0.5, -1, 0.5]);
  assert.deepEqual([...hist.subarray(10, 20)], [0, 0, 6, 1.25, 0, 0, 6, 1.25, 0, 0]);
  subtractHistogram(hist, 10, 0, offsets, features);
  assert.deepEqual([...hist.subarray(10, 20)], [-1, -0.5, 6, 1.25, 1, -0.5, 5, 0.75, 1, -0.5]);
});

Deno.test("every block of a batch is built once and a stale generation claims nothing", () => {
  const control = new Int32Array(new SharedArrayBuffer(8));
  const built: number[] = [];
  openBatch(control, 7);
  buildClaimedBlocks(control, 6, 5, (block) => built.push(-block));
  buildClaimedBlocks(control, 7, 5, (block) => built.push(block));
  buildClaimedBlocks(control, 7, 5, (block) => built.push(block));
  assert.deepEqual(built, [0, 1, 2, 3, 4]);
  assert.equal(Atomics.load(control, 1), 5);
});

Deno.test("blocks hold four features until the claim counter would overflow", () => {
  assert.equal(featuresPerBlock(250), 4);
  assert.equal(featuresPerBlock(4 * 4095), 4);
  assert.equal(featuresPerBlock(4 * 4095 + 1), 8);
});
