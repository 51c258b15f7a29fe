import assert from "node:assert/strict";
import { fitLogistic, predictLogisticMargin } from "../../../lib/model/logistic/mod.ts";
import { explainLinearRow, linearShap, linearShapBatch } from "../../../lib/model/shap/mod.ts";
import type { LogisticModel } from "../../../lib/model/types.ts";
import { truthDataset } from "../../training/fixtures.ts";

const data = truthDataset("linear", 600, 31);
const model = fitLogistic(data, { l2: 1 });
const rowOf = (i: number) => data.columns.map((c) => c[i]);

Deno.test("linear SHAP plus the baseline is the margin to 1e-9 on every row", () => {
  for (let i = 0; i < data.rows; i++) {
    const { expectedValue, shap } = linearShap(model, rowOf(i));
    const sum = shap.reduce((a, b) => a + b, expectedValue);
    assert.ok(Math.abs(sum - predictLogisticMargin(model, rowOf(i))) < 1e-9, `row ${i}`);
  }
});

Deno.test("the linear baseline is the mean training margin and each feature's mean SHAP is 0", () => {
  const batch = linearShapBatch(model, data);
  let mean = 0;
  for (let i = 0; i < data.rows; i++) mean += predictLogisticMargin(model, rowOf(i)) / data.rows;
  assert.ok(Math.abs(batch.expectedValue - mean) < 1e-9);
  for (const column of batch.shap) {
    assert.ok(Math.abs(column.reduce((a, b) => a + b, 0) / data.rows) < 1e-9);
  }
});

Deno.test("a feature's SHAP is its coefficient times its centred design value, levels grouped", () => {
  // Hand-made: one numeric (impute 2, mean 1, scale 2) and a 3-level categorical.
  const hand: LogisticModel = {
    format: "riskpipe.logistic",
    formatVersion: 1,
    features: [{ name: "age", type: "numeric" }, {
      name: "grade",
      type: "categorical",
      levels: ["A", "B", "C"],
    }],
    design: [
      { kind: "numeric", feature: 0, impute: 2, mean: 1, scale: 2 },
      { kind: "level", feature: 1, code: 0 },
      { kind: "level", feature: 1, code: 1 },
      { kind: "level", feature: 1, code: 2 },
    ],
    coefficients: [0.5, -1, 0.25, 2],
    intercept: -0.3,
    designMeans: [0.1, 0.5, 0.3, 0.2],
    params: {},
  };
  const { expectedValue, shap } = linearShap(hand, [5, 2]);
  // age: 0.5·((5 − 1)/2 − 0.1) = 0.95; grade C: −1·(0 − 0.5) + 0.25·(0 − 0.3) + 2·(1 − 0.2) = 2.025
  assert.ok(Math.abs(shap[0] - 0.95) < 1e-12);
  assert.ok(Math.abs(shap[1] - 2.025) < 1e-12);
  assert.ok(Math.abs(expectedValue - (-0.3 + 0.05 - 0.5 + 0.075 + 0.4)) < 1e-12);
  // Missing age is imputed with 2: (2 − 1)/2 − 0.1 = 0.4, times 0.5.
  assert.ok(Math.abs(linearShap(hand, [NaN, NaN]).shap[0] - 0.2) < 1e-12);
  const explained = explainLinearRow(hand, [5, 2]);
  assert.deepEqual(explained.up.map((c) => [c.name, c.display]), [["grade", "C"], ["age", "5"]]);
});

Deno.test("a model saved before design means explains against a zero reference, still additively", () => {
  const { designMeans: _, ...old } = model;
  const row = rowOf(3);
  const { expectedValue, shap } = linearShap(old, row);
  assert.equal(expectedValue, old.intercept);
  assert.ok(
    Math.abs(shap.reduce((a, b) => a + b, expectedValue) - predictLogisticMargin(old, row)) < 1e-9,
  );
});
