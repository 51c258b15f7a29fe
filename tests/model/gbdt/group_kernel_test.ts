import assert from "node:assert/strict";
import { assembleGroupKernel, wasmGroupAdder } from "../../../lib/model/gbdt/group_kernel.ts";
import { addGroupScalar, buildFeatureBlock } from "../../../lib/model/gbdt/histogram.ts";
import {
  createKernelMemory,
  extendLast,
  reserve,
  reserveFloat64,
  reserveInt32,
  reserveUint32,
} from "../../../lib/model/gbdt/kernel_memory.ts";
import { binBufferBytes, createBinLayout, GROUP_WIDTH } from "../../../lib/model/gbdt/layout.ts";
import { createRng } from "../../../lib/random/mod.ts";

// Sixteen features (two groups) over 300 rows, a third of the values missing (bin 9 of
// 8 value bins + missing, offsets 10 apart), the batch split over two histograms.
function fixture() {
  const rng = createRng(7);
  const rows = 300;
  const features = 16;
  const memory = createKernelMemory(binBufferBytes(rows, features));
  const layout = createBinLayout(memory.memory.buffer, rows, features);
  for (let f = 0; f < features; f++) {
    for (let i = 0; i < rows; i++) {
      layout.bins[f][i * GROUP_WIDTH] = rng.float() < 1 / 3 ? 9 : rng.int(0, 9);
    }
  }
  const offsets = Int32Array.from({ length: features + 1 }, (_, f) => f * 10);
  const gradients = reserveFloat64(memory, 2 * rows);
  for (let k = 0; k < 2 * rows; k++) gradients[k] = k % 2 ? rng.float() : rng.normal();
  const chosen = Array.from({ length: rows }, (_, i) => i).filter(() => rng.float() < 0.6);
  const batch = {
    rows: reserveUint32(memory, chosen.length),
    targets: reserveInt32(memory, chosen.length),
    count: chosen.length,
  };
  const slotLength = offsets[features] * 2;
  chosen.forEach((row, k) => {
    batch.rows[k] = row;
    batch.targets[k] = row % 3 === 0 ? slotLength : 0;
  });
  const hist = reserveFloat64(memory, 2 * slotLength);
  return { memory, layout, offsets, gradients, batch, hist, slotLength, features, rows, chosen };
}

Deno.test("the WebAssembly group kernel sums bit for bit like the JavaScript one", () => {
  const { memory, layout, offsets, gradients, batch, hist } = fixture();
  const addGroupWasm = wasmGroupAdder(memory.memory);
  for (let lanes = 1; lanes <= GROUP_WIDTH; lanes++) {
    const expected = new Float64Array(hist.length);
    hist.fill(0);
    for (const first of [0, 8]) {
      addGroupScalar(layout, offsets, gradients, batch, expected, first, lanes);
      addGroupWasm(layout, offsets, gradients, batch, hist, first, lanes);
    }
    assert.deepEqual([...hist], [...expected], `${lanes} lanes`);
  }
});

Deno.test("a histogram from the WebAssembly kernel equals one summed row by row", () => {
  const f = fixture();
  // Group 1 without its last three features, as colsample_bytree might leave it.
  const all = Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  const slots = new Int32Array([0, f.slotLength]);
  const addGroup = wasmGroupAdder(f.memory.memory);
  f.hist.fill(NaN);
  buildFeatureBlock(f.layout, f.offsets, f.gradients, f.batch, f.hist, slots, all, 0, 13, addGroup);
  const naive = new Float64Array(f.hist.length).fill(NaN);
  for (const base of [0, f.slotLength]) naive.fill(0, base, base + f.offsets[13] * 2);
  for (const row of f.chosen) {
    const base = row % 3 === 0 ? f.slotLength : 0;
    for (const j of all) {
      const at = base + (f.offsets[j] + f.layout.bins[j][row * GROUP_WIDTH]) * 2;
      naive[at] += f.gradients[2 * row];
      naive[at + 1] += f.gradients[2 * row + 1];
    }
  }
  assert.deepEqual([...f.hist], [...naive]);
});

Deno.test("the kernel module is assembled from source and validates", () => {
  assert.ok(WebAssembly.validate(assembleGroupKernel()));
});

Deno.test("kernel memory hands out 16-byte aligned, growing reservations", () => {
  const memory = createKernelMemory(3);
  assert.equal(reserve(memory, 5), 16);
  assert.equal(reserve(memory, 70_000), 32);
  assert.ok(memory.memory.buffer.byteLength >= 70_032);
  const last = reserveFloat64(memory, 4);
  extendLast(memory, last.byteOffset, last.byteLength, 200_000);
  assert.equal(memory.end, last.byteOffset + 200_000);
  assert.throws(() => extendLast(memory, 16, 5, 10), /not the last reservation/);
});
