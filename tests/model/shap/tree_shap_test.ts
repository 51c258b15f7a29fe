import assert from "node:assert/strict";
import { treeShap } from "../../../lib/model/shap/mod.ts";
import type { GbdtModel, Tree } from "../../../lib/model/types.ts";
import { createRng } from "../../../lib/random/mod.ts";
import {
  bruteForceShap,
  conditionalMargin,
  randomModel,
  randomRow,
  referenceMargin,
} from "./fixtures.ts";

/** Root splits f0 < 0.5; its left child splits f1 < 0.5 (leaves 4 and 2); right leaf 0. */
function handTree(): Tree {
  return {
    feature: [0, 1, -1, -1, -1],
    threshold: [0.5, 0.5, 0, 0, 0],
    defaultLeft: [true, false, false, false, false],
    left: [1, 3, -1, -1, -1],
    right: [2, 4, -1, -1, -1],
    value: [0, 0, 0, 4, 2],
    cover: [4, 2, 2, 1, 1],
    gain: [1, 1, 0, 0, 0],
  };
}

function handModel(trees: Tree[], features = 2): GbdtModel {
  return {
    format: "riskpipe.gbdt",
    formatVersion: 1,
    objective: "binary:logistic",
    baseMargin: -1,
    features: Array.from({ length: features }, (_, j) => ({ name: `f${j}`, type: "numeric" })),
    trees,
    params: {},
  };
}

function near(actual: number, expected: number, tolerance: number): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not ${expected}`);
}

Deno.test("TreeSHAP of a hand-written two-level tree equals the hand-computed values", () => {
  // v(∅) = 1.5, v({0}) = 3, v({1}) = 2, v({0,1}) = 4 (tree only; base margin −1 on top):
  // φ0 = ½(3 − 1.5) + ½(4 − 2) = 1.75, φ1 = ½(2 − 1.5) + ½(4 − 3) = 0.75.
  const { expectedValue, shap } = treeShap(handModel([handTree()]), [0, 0]);
  near(expectedValue, -1 + 1.5, 1e-15);
  near(shap[0], 1.75, 1e-15);
  near(shap[1], 0.75, 1e-15);
});

Deno.test("TreeSHAP sends a missing value to the split's default side", () => {
  // f0 missing goes left (defaultLeft), f1 missing goes right: leaf 2, as for x = (0, 1).
  const model = handModel([handTree()]);
  assert.deepEqual(treeShap(model, [NaN, NaN]).shap, treeShap(model, [0, 1]).shap);
});

Deno.test("SHAP values plus the expected value equal the margin on random trees", () => {
  const rng = createRng(11);
  const model = randomModel(rng, 40, 12, { maxDepth: 6 });
  for (let r = 0; r < 50; r++) {
    const row = randomRow(rng, 12, 0.2);
    const { expectedValue, shap } = treeShap(model, row);
    const total = shap.reduce((sum, value) => sum + value, expectedValue);
    near(total, referenceMargin(model, row), 1e-9);
  }
});

Deno.test("the expected value is the margin with no feature known", () => {
  const rng = createRng(12);
  const model = randomModel(rng, 10, 5);
  const { expectedValue } = treeShap(model, randomRow(rng, 5, 0));
  near(expectedValue, conditionalMargin(model, [], 0), 1e-12);
});

Deno.test("TreeSHAP equals brute-force Shapley enumeration on small random trees", () => {
  const rng = createRng(13);
  for (let m = 1; m <= 5; m++) {
    // Depth above the feature count forces features to repeat along a path.
    const model = randomModel(rng, 6, m, { maxDepth: m + 2, leafProbability: 0.1 });
    for (let r = 0; r < 10; r++) {
      const row = randomRow(rng, m, 0.25);
      const { shap } = treeShap(model, row);
      const oracle = bruteForceShap(model, row);
      for (let j = 0; j < m; j++) near(shap[j], oracle[j], 1e-9);
    }
  }
});

Deno.test("features no tree splits on get exactly zero", () => {
  const rng = createRng(14);
  const used = randomModel(rng, 20, 4, { maxDepth: 5 });
  const model = { ...used, features: handModel([], 7).features };
  const { shap } = treeShap(model, randomRow(rng, 7, 0.2));
  assert.deepEqual([...shap.slice(4)], [0, 0, 0]);
});

Deno.test("TreeSHAP refuses a row whose length differs from the model's features", () => {
  assert.throws(() => treeShap(handModel([handTree()]), [0]), {
    message: "Cannot explain row: it has 1 values but the model has 2 features",
  });
});

Deno.test("TreeSHAP refuses a split node without cover", () => {
  const tree = handTree();
  tree.cover[1] = 0;
  assert.throws(() => treeShap(handModel([tree]), [0, 0]), {
    message: "Cannot explain tree 0: node 1 has cover 0, expected > 0",
  });
});

Deno.test("a tree that is a single leaf moves only the expected value", () => {
  const leaf: Tree = {
    feature: [-1],
    threshold: [0],
    defaultLeft: [false],
    left: [-1],
    right: [-1],
    value: [0.25],
    cover: [10],
    gain: [0],
  };
  const { expectedValue, shap } = treeShap(handModel([handTree(), leaf]), [1, 1]);
  near(expectedValue, -1 + 1.5 + 0.25, 1e-15);
  near(shap[0] + shap[1], 0 - 1.5, 1e-15);
});
