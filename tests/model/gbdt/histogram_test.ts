import assert from "node:assert/strict";
import {
  buildClaimedBlocks,
  buildFeatureBlock,
  openBatch,
  planBlocks,
  subtractHistogram,
} from "../../../lib/model/gbdt/histogram.ts";
import {
  binBufferBytes,
  type BinLayout,
  createBinLayout,
  GROUP_WIDTH,
} from "../../../lib/model/gbdt/layout.ts";

function layoutOf(columns: number[][]): BinLayout {
  const rows = columns[0].length;
  const layout = createBinLayout(
    new ArrayBuffer(binBufferBytes(rows, columns.length)),
    rows,
    columns.length,
  );
  columns.forEach((column, f) =>
    column.forEach((bin, i) => (layout.bins[f][i * GROUP_WIDTH] = bin))
  );
  return layout;
}

// Two features over four rows; feature 0 has 2 value bins + missing, feature 1 has 1 + missing.
const bins = layoutOf([[0, 1, 2, 1], [0, 0, 1, 0]]);
const offsets = new Int32Array([0, 3, 5]);
const gradients = new Float64Array([1, 0.5, 2, 0.25, -1, 0.5, 4, 1]);
const features = new Int32Array([0, 1]);

Deno.test("a histogram sums each bin's gradients and hessians over the batch rows", () => {
  const hist = new Float64Array(10).fill(99);
  const batch = { rows: new Uint32Array([0, 1, 3]), targets: new Int32Array(3), count: 3 };
  const inputs = { layout: bins, offsets, gradients, batch, hist };
  buildFeatureBlock(inputs, new Int32Array([0]), features, 0, 2);
  assert.deepEqual([...hist], [1, 0.5, 6, 1.25, 0, 0, 7, 1.75, 0, 0]);
});

Deno.test("rows of different nodes land in their own histograms", () => {
  const hist = new Float64Array(20);
  const batch = {
    rows: new Uint32Array([0, 1, 2, 3]),
    targets: new Int32Array([0, 10, 0, 10]),
    count: 4,
  };
  const inputs = { layout: bins, offsets, gradients, batch, hist };
  buildFeatureBlock(inputs, new Int32Array([0, 10]), features, 0, 2);
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

Deno.test("a block is two groups of eight bin columns", () => {
  const features = Int32Array.from([0, 1, 2, 7, 8, 9, 15, 16, 30, 40]);
  assert.deepEqual([...planBlocks(features)], [0, 7, 9, 10]);
});

Deno.test("blocks merge groups when they would overflow the claim counter", () => {
  const features = Int32Array.from({ length: 8 * 4096 }, (_, f) => f);
  const starts = planBlocks(features);
  assert.equal(starts.length - 1, 2048);
  assert.equal(starts[1], 16);
});

Deno.test("a whole group of eight sums the same as one feature at a time", () => {
  const rows = 50;
  const columns = Array.from(
    { length: 8 },
    (_, f) => Array.from({ length: rows }, (_, i) => (i * (f + 3) + f) % (f + 2)),
  );
  const layout = layoutOf(columns);
  const groupOffsets = Int32Array.from({ length: 9 }, (_, f) => f * 11);
  const grads = Float64Array.from({ length: 2 * rows }, (_, k) => ((k * 37) % 17) / 8 - 1);
  const batch = {
    rows: Uint32Array.from({ length: 30 }, (_, k) => k + Math.floor(k / 3)),
    targets: new Int32Array(30),
    count: 30,
  };
  const all = Int32Array.from({ length: 8 }, (_, f) => f);
  const together = new Float64Array(8 * 11 * 2);
  const inputs = { layout, offsets: groupOffsets, gradients: grads, batch };
  buildFeatureBlock({ ...inputs, hist: together }, new Int32Array([0]), all, 0, 8);
  const apart = new Float64Array(8 * 11 * 2);
  for (let f = 0; f < 8; f++) {
    const one = new Int32Array([f]);
    buildFeatureBlock({ ...inputs, hist: apart }, new Int32Array([0]), one, 0, 1);
  }
  assert.deepEqual([...together], [...apart]);
});
