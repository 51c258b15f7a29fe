import assert from "node:assert/strict";
import { gbdtToOnnx } from "../../../lib/model/onnx/tree_ensemble.ts";
import { logisticToOnnx } from "../../../lib/model/onnx/linear.ts";
import { openOnnxScorer } from "../../../lib/model/onnx/session.ts";
import type { GbdtModel, LogisticModel } from "../../../lib/model/types.ts";

const sigmoid = (m: number) => 1 / (1 + Math.exp(-m));

// One tree: a < 0.5 (missing left) → 0.3; else b < 2 (missing right) → -0.2 / 0.7.
const stump: GbdtModel = {
  format: "riskpipe.gbdt",
  formatVersion: 1,
  objective: "binary:logistic",
  baseMargin: -2,
  features: [{ name: "a", type: "numeric" }, { name: "b", type: "numeric" }],
  params: {},
  trees: [{
    feature: [0, -1, 1, -1, -1],
    threshold: [0.5, 0, 2, 0, 0],
    defaultLeft: [true, false, false, false, false],
    left: [1, -1, 3, -1, -1],
    right: [2, -1, 4, -1, -1],
    value: [0, 0.3, 0, -0.2, 0.7],
    cover: [10, 4, 6, 3, 3],
    gain: [1, 0, 1, 0, 0],
  }],
};

Deno.test("an exported tree routes values and missing values as the tree format says", async () => {
  const scorer = await openOnnxScorer(gbdtToOnnx(stump), 2);
  const rows = new Float32Array([0, 0, 1, 1, 1, 3, NaN, 5, 1, NaN, 0.5, 2]);
  const got = await scorer.score(rows, 6);
  const margins = [-1.7, -2.2, -1.3, -1.7, -1.3, -1.3];
  margins.forEach((m, i) => assert.ok(Math.abs(got[i] - sigmoid(m)) < 1e-7, `row ${i}`));
  await scorer.release();
});

Deno.test("an exported logistic model imputes, scales and one-hot encodes in the graph", async () => {
  const model: LogisticModel = {
    format: "riskpipe.logistic",
    formatVersion: 1,
    features: [
      { name: "a", type: "numeric" },
      { name: "c", type: "categorical", levels: ["x", "y", "z"] },
    ],
    params: {},
    design: [
      { kind: "level", feature: 1, code: 2 },
      { kind: "numeric", feature: 0, impute: 2, mean: 1, scale: 2 },
      { kind: "level", feature: 1, code: 0 },
    ],
    coefficients: [2, 0.5, -1],
    intercept: -0.3,
  };
  const scorer = await openOnnxScorer(logisticToOnnx(model), 2);
  const got = await scorer.score(new Float32Array([3, 0, NaN, 2, 1, 1, 1, NaN, 1, 7]), 5);
  // (a − 1) / 2 with a missing → median 2; code 0 → −1, code 2 → +2, others 0.
  const margins = [-0.3 + 0.5 * 1 - 1, -0.3 + 0.5 * 0.5 + 2, -0.3, -0.3, -0.3];
  margins.forEach((m, i) => assert.ok(Math.abs(got[i] - sigmoid(m)) < 1e-7, `row ${i}`));
  await scorer.release();
});

Deno.test("scoring refuses a block whose size does not match the feature count", async () => {
  const scorer = await openOnnxScorer(gbdtToOnnx(stump), 2);
  await assert.rejects(
    () => scorer.score(new Float32Array(5), 3),
    { message: "Cannot score: expected 3 × 2 values, got 5" },
  );
  await scorer.release();
});

Deno.test("a Platt map is appended to the exported trees: σ(a · margin + b), label p > 0.5", async () => {
  const calibrated: GbdtModel = {
    ...stump,
    calibration: { method: "platt", a: 0.8, b: 0.35, fittedOn: "hand-made" },
  };
  const scorer = await openOnnxScorer(gbdtToOnnx(calibrated), 2);
  const rows = new Float32Array([0, 0, 1, 1, 1, 3, NaN, 5]);
  const got = await scorer.score(rows, 4);
  const margins = [-1.7, -2.2, -1.3, -1.7];
  margins.forEach((m, i) =>
    assert.ok(Math.abs(got[i] - sigmoid(0.8 * m + 0.35)) < 1e-7, `row ${i}: ${got[i]}`)
  );
  await scorer.release();
});

Deno.test("a calibrated export stays exact where the trees' probability rounds to 0 or 1", async () => {
  const extreme: GbdtModel = {
    ...stump,
    baseMargin: 0,
    trees: [{ ...stump.trees[0], value: [0, -40, 0, 25, 40] }],
    calibration: { method: "platt", a: 0.5, b: -1, fittedOn: "hand-made" },
  };
  const scorer = await openOnnxScorer(gbdtToOnnx(extreme), 2);
  const got = await scorer.score(new Float32Array([0, 0, 1, 1, 1, 3]), 3);
  [-40, 25, 40].forEach((m, i) =>
    assert.ok(Math.abs(got[i] - sigmoid(0.5 * m - 1)) < 1e-6, `margin ${m}: ${got[i]}`)
  );
  await scorer.release();
});
