import assert from "node:assert/strict";
import {
  averagePathLength,
  fitIsolationForest,
  isolationScoreOf,
  isolationScores,
} from "../../../lib/model/outlier/isolation_forest.ts";
import { makeSyntheticDataset } from "../../../lib/model/gbdt/synthetic.ts";
import { createRng } from "../../../lib/random/mod.ts";
import type { Dataset } from "../../../lib/model/types.ts";

Deno.test("c(n) is Liu et al.'s normaliser: 0, 1, then 2H(n−1) − 2(n−1)/n", () => {
  assert.equal(averagePathLength(1), 0);
  assert.equal(averagePathLength(2), 1);
  // H(2) ≈ ln 2 + γ: 2(0.693147 + 0.577216) − 4/3
  assert.ok(Math.abs(averagePathLength(3) - (2 * (Math.log(2) + 0.5772156649) - 4 / 3)) < 1e-9);
  assert.ok(Math.abs(averagePathLength(256) - 10.244770920116851) < 1e-9);
});

Deno.test("two distinct rows: one split, each leaf one row deep, score 2^(−1/c(2)) = 0.5", () => {
  const data: Dataset = {
    features: [{ name: "x", type: "numeric" }],
    columns: [Float64Array.of(0, 1)],
    rows: 2,
  };
  const forest = fitIsolationForest(data, { trees: 3, sampleSize: 2, rng: createRng(1) });
  for (const tree of forest.trees) {
    assert.deepEqual(tree.feature, [0, -1, -1]);
    assert.deepEqual(tree.pathLength, [0, 1, 1]);
  }
  assert.equal(isolationScoreOf(forest, () => 0), 0.5);
  assert.equal(isolationScoreOf(forest, () => NaN), 0.5);
});

Deno.test("the same seed grows the same forest; another seed another one", () => {
  const data = makeSyntheticDataset({ rows: 1000, features: 8, seed: 2 });
  const grow = (seed: number) =>
    fitIsolationForest(data, { trees: 10, sampleSize: 64, rng: createRng(seed) });
  assert.deepEqual(grow(5), grow(5));
  assert.notDeepEqual(grow(5), grow(6));
});

Deno.test("a missing value follows the side that took more of the node's sample rows", () => {
  const x = Float64Array.of(0, 1, 2, 3, 4, 5, 6, NaN);
  const data: Dataset = { features: [{ name: "x", type: "numeric" }], columns: [x], rows: 8 };
  const forest = fitIsolationForest(data, { trees: 30, sampleSize: 8, rng: createRng(3) });
  let sides = 0;
  for (const tree of forest.trees) {
    const t = tree.threshold[0];
    const left = [...x].filter((v) => v < t).length;
    const right = [...x].filter((v) => v >= t).length;
    assert.equal(tree.missingLeft[0], left >= right, `root threshold ${t}`);
    sides += tree.missingLeft[0] ? 1 : -1;
  }
  assert.ok(Math.abs(sides) < 30, "both sides occur over 30 trees");
});

Deno.test("isolationScores (row blocks) equals the per-row scorer", () => {
  const data = makeSyntheticDataset({ rows: 1500, features: 7, seed: 8 });
  const forest = fitIsolationForest(data, { trees: 20, sampleSize: 100, rng: createRng(9) });
  const block = isolationScores(forest, data);
  for (let i = 0; i < data.rows; i += 37) {
    assert.equal(block[i], isolationScoreOf(forest, (j) => data.columns[j][i]));
  }
});
