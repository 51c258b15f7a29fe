import assert from "node:assert/strict";
import {
  binColumn,
  binOf,
  computeCuts,
  FLOAT32_MAX,
  sampleBinningRows,
} from "../../../lib/model/gbdt/binning.ts";
import { createRng } from "../../../lib/random/mod.ts";

Deno.test("few distinct values get a cut between each pair and one at the float32 maximum", () => {
  assert.deepEqual(computeCuts(new Float64Array([3, 1, 2, 2, NaN]), 255), [1.5, 2.5, FLOAT32_MAX]);
});

Deno.test("many distinct values get at most max_bin - 1 float32 cuts in ascending order", () => {
  const rng = createRng(1);
  const column = Float64Array.from({ length: 5000 }, () => rng.normal());
  const cuts = computeCuts(column, 32);
  assert.ok(cuts.length <= 31 && cuts.length > 25);
  for (let i = 0; i < cuts.length; i++) {
    assert.equal(Math.fround(cuts[i]), cuts[i]);
    if (i > 0) assert.ok(cuts[i] > cuts[i - 1]);
  }
});

Deno.test("quantile bins hold roughly equal shares of the rows", () => {
  const rng = createRng(2);
  const column = Float64Array.from({ length: 10_000 }, () => rng.float());
  const cuts = computeCuts(column, 11);
  const bins = new Uint8Array(column.length);
  binColumn(column, cuts, bins);
  const counts = new Array(cuts.length + 2).fill(0);
  for (const b of bins) counts[b]++;
  for (let b = 0; b < 10; b++) assert.ok(Math.abs(counts[b] - 1000) <= 2, `bin ${b}: ${counts[b]}`);
  assert.equal(counts[10], 0);
});

Deno.test("a value's bin is at most b exactly when Math.fround(x) < cuts[b]", () => {
  const rng = createRng(3);
  const column = Float64Array.from(
    { length: 3000 },
    (_, i) => (i % 7 === 0 ? rng.int(-3, 3) : rng.normal() * 1e3),
  );
  const cuts = computeCuts(column.subarray(0, 1000), 40);
  const bins = new Uint8Array(column.length);
  binColumn(column, cuts, bins);
  for (let i = 0; i < column.length; i++) {
    assert.equal(bins[i], binOf(cuts, column[i]));
    for (let b = 0; b < cuts.length; b++) {
      assert.equal(bins[i] <= b, Math.fround(column[i]) < cuts[b]);
    }
  }
});

Deno.test("missing values, signed zeros and infinities land in the right bins", () => {
  const cuts = computeCuts(new Float64Array([-1, 0, 1]), 255);
  assert.deepEqual(cuts, [-0.5, 0.5, FLOAT32_MAX]);
  const column = new Float64Array([NaN, -0, 0, Infinity, -Infinity, 1e-50]);
  const bins = new Uint8Array(column.length);
  binColumn(column, cuts, bins);
  assert.deepEqual([...bins], [4, 1, 1, 3, 0, 1]);
});

Deno.test("the binning sample is seeded, ascending and of the asked size", () => {
  const a = sampleBinningRows(100, 10, createRng(5));
  const b = sampleBinningRows(100, 10, createRng(5));
  assert.deepEqual(a, b);
  assert.equal(a?.length, 10);
  for (let i = 1; i < 10; i++) assert.ok(a![i] > a![i - 1]);
  assert.equal(sampleBinningRows(100, 200, createRng(5)), undefined);
});
