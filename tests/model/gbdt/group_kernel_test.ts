import assert from "node:assert/strict";
import { assembleGroupKernel, wasmGroupAdder } from "../../../lib/model/gbdt/group_kernel.ts";
import {
  addGroupScalar,
  buildFeatureBlock,
  SPARE_WIDTH,
} from "../../../lib/model/gbdt/histogram.ts";
import { findMissingGroups } from "../../../lib/model/gbdt/missing_runs.ts";
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

// Sixteen features (two groups) over 300 rows: bin 9 is missing (8 value bins, offsets
// 10 apart). Group 0 is missing as a whole on about 40% of the rows, group 1 value by
// value on a third. The batch goes to two histograms, each with the spare bins of two
// groups; gradients are multiples of 1/8, so every order of summing is exact.
function fixture() {
  const rng = createRng(7);
  const rows = 300;
  const features = 16;
  const memory = createKernelMemory(binBufferBytes(rows, features));
  const layout = createBinLayout(memory.memory.buffer, rows, features);
  const missingBin = new Int32Array(features).fill(9);
  for (let i = 0; i < rows; i++) {
    const groupMissing = rng.float() < 0.4;
    for (let f = 0; f < features; f++) {
      const missing = f < 8 ? groupMissing : rng.float() < 1 / 3;
      layout.bins[f][i * GROUP_WIDTH] = missing ? 9 : rng.int(0, 9);
    }
  }
  const offsets = Int32Array.from({ length: features + 1 }, (_, f) => f * 10);
  const gradients = reserveFloat64(memory, 2 * rows);
  for (let k = 0; k < 2 * rows; k++) gradients[k] = rng.int(k % 2 ? 1 : -16, 16) / 8;
  const chosen = Array.from({ length: rows }, (_, i) => i).filter(() => rng.float() < 0.6);
  const batch = {
    rows: reserveUint32(memory, chosen.length),
    targets: reserveInt32(memory, chosen.length),
    count: chosen.length,
  };
  const spareBase = offsets[features] * 2;
  const slotLength = spareBase + 2 * SPARE_WIDTH;
  chosen.forEach((row, k) => {
    batch.rows[k] = row;
    batch.targets[k] = row % 3 === 0 ? slotLength : 0;
  });
  const hist = reserveFloat64(memory, 2 * slotLength);
  const missing = findMissingGroups(layout, missingBin);
  const skips = { missing, missingBin, spareBase };
  return { memory, layout, offsets, gradients, batch, hist, slotLength, skips, chosen };
}

Deno.test("the WebAssembly group kernel sums bit for bit like the JavaScript one", () => {
  const { memory, layout, offsets, gradients, batch, hist, skips } = fixture();
  const addGroupWasm = wasmGroupAdder(memory.memory);
  const { lo, hi } = skips.missing;
  for (let lanes = 1; lanes <= GROUP_WIDTH; lanes++) {
    for (const skipping of [false, true]) {
      const expected = new Float64Array(hist.length);
      hist.fill(0);
      for (const first of [0, 8]) {
        const group = first / GROUP_WIDTH;
        const spare = skips.spareBase + SPARE_WIDTH * group;
        const skip = skipping ? { lo: lo[group], hi: hi[group], spare } : undefined;
        addGroupScalar(layout, offsets, gradients, batch, expected, first, lanes, skip);
        addGroupWasm(layout, offsets, gradients, batch, hist, first, lanes, skip);
      }
      assert.deepEqual([...hist], [...expected], `${lanes} lanes, skipping ${skipping}`);
    }
  }
  const expected = new Float64Array(hist.length);
  hist.fill(0);
  addGroupScalar(layout, offsets, gradients, batch, expected, 0, 2 * GROUP_WIDTH);
  addGroupWasm(layout, offsets, gradients, batch, hist, 0, 2 * GROUP_WIDTH);
  assert.deepEqual([...hist], [...expected], "a pair of groups");
});

Deno.test("a histogram equals one summed row by row, skipping all-missing rows or not", () => {
  const f = fixture();
  assert.deepEqual([...f.skips.missing.skippable], [1, 0]);
  const slots = new Int32Array([0, f.slotLength]);
  const cases = [
    // Group 1 without its last three features, as colsample_bytree might leave it.
    { features: Int32Array.from({ length: 13 }, (_, j) => j), skips: f.skips },
    // Both groups whole and none tested for all-missing rows: one pass over both.
    { features: Int32Array.from({ length: 16 }, (_, j) => j), skips: undefined },
  ];
  for (const { features, skips } of cases) {
    const naive = new Float64Array(f.hist.length);
    for (const row of f.chosen) {
      const base = row % 3 === 0 ? f.slotLength : 0;
      for (const j of features) {
        const at = base + (f.offsets[j] + f.layout.bins[j][row * GROUP_WIDTH]) * 2;
        naive[at] += f.gradients[2 * row];
        naive[at + 1] += f.gradients[2 * row + 1];
      }
    }
    const end = f.offsets[features.length] * 2;
    const binsOnly = (hist: Float64Array) =>
      [0, f.slotLength].flatMap((base) => [...hist.subarray(base, base + end)]);
    for (const addGroup of [addGroupScalar, wasmGroupAdder(f.memory.memory)]) {
      f.hist.fill(NaN);
      buildFeatureBlock({ ...f, addGroup, skips }, slots, features, 0, features.length);
      assert.deepEqual(binsOnly(f.hist), binsOnly(naive));
    }
  }
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

Deno.test("part-asked groups (column sampling) sum bit for bit as one feature at a time", () => {
  const f = fixture();
  // Gradients that are not multiples of a power of two: any change of summing order shows.
  const rng = createRng(31);
  for (let k = 0; k < f.gradients.length; k++) f.gradients[k] = rng.float() * 2 - 1 + 1e-9 * k;
  const slots = new Int32Array([0, f.slotLength]);
  const addGroup = wasmGroupAdder(f.memory.memory);
  const inputs = { ...f, addGroup };
  for (let trial = 0; trial < 200; trial++) {
    const asked = Int32Array.from(
      Array.from({ length: 16 }, (_, j) => j).filter(() => rng.float() < 0.5),
    );
    if (asked.length === 0) continue;
    f.hist.fill(NaN);
    buildFeatureBlock(inputs, slots, asked, 0, asked.length);
    const got = new Float64Array(f.hist);
    // What summing one feature at a time gives, and the run from a group's first feature
    // as that run alone (the path it always took, all-missing rows skipped in group 0).
    f.hist.fill(NaN);
    let p = 0;
    while (p < asked.length) {
      let run = 1;
      if (asked[p] % GROUP_WIDTH === 0) {
        while (p + run < asked.length && asked[p + run] === asked[p] + run && run < 8) run++;
      }
      if (run === 1) buildFeatureBlock(inputs, slots, asked, p, p + 1);
      else buildFeatureBlock(inputs, slots, asked, p, p + run);
      p += run;
    }
    for (const base of [0, f.slotLength]) {
      for (const j of asked) {
        const from = base + f.offsets[j] * 2;
        const to = base + f.offsets[j + 1] * 2;
        assert.deepEqual(
          [...got.subarray(from, to)],
          [...f.hist.subarray(from, to)],
          `trial ${trial}, features ${[...asked]}, feature ${j}`,
        );
      }
    }
  }
});

Deno.test("the picking kernels sum any lanes of a group bit for bit like the JavaScript one", () => {
  const { memory, layout, offsets, gradients, batch, hist } = fixture();
  const addGroupWasm = wasmGroupAdder(memory.memory);
  const rng = createRng(5);
  for (let k = 0; k < gradients.length; k++) gradients[k] = rng.float() - 0.5;
  for (let trial = 0; trial < 40; trial++) {
    const picked = Int32Array.from(
      Array.from({ length: GROUP_WIDTH }, (_, lane) => lane).filter(() => rng.float() < 0.5),
    );
    if (picked.length === 0) continue;
    const expected = new Float64Array(hist.length);
    hist.fill(0);
    for (const first of [0, 8]) {
      addGroupScalar(
        layout,
        offsets,
        gradients,
        batch,
        expected,
        first,
        picked.length,
        undefined,
        picked,
      );
      addGroupWasm(
        layout,
        offsets,
        gradients,
        batch,
        hist,
        first,
        picked.length,
        undefined,
        picked,
      );
    }
    assert.deepEqual([...hist], [...expected], `lanes ${[...picked]}`);
    // Only the picked features' bins were touched.
    for (const first of [0, 8]) {
      for (let lane = 0; lane < GROUP_WIDTH; lane++) {
        if (picked.includes(lane)) continue;
        const from = offsets[first + lane] * 2;
        assert.ok(hist.subarray(from, from + 20).every((v) => v === 0), `lane ${lane} untouched`);
      }
    }
  }
});
