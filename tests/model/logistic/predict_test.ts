import assert from "node:assert/strict";
import {
  designValue,
  fitLogistic,
  predictLogisticMargin,
  predictLogisticProba,
  predictLogisticRow,
} from "../../../lib/model/logistic/mod.ts";
import { tinyDataset } from "./fixtures.ts";

const model = fitLogistic(tinyDataset(), { l2: 0.5 });

Deno.test("a missing numeric value scores as its training median", () => {
  assert.equal(predictLogisticRow(model, [NaN, 1, 0]), predictLogisticRow(model, [2.75, 1, 0]));
});

Deno.test("unknown and missing categories give all-zero indicators", () => {
  const [x1, flag] = model.design;
  const numericOnly = model.intercept + model.coefficients[0] * designValue(x1, [4, 0, 0]) +
    model.coefficients[1] * designValue(flag, [4, 0, 0]);
  assert.ok(Math.abs(predictLogisticMargin(model, [4, 0, 7]) - numericOnly) < 1e-15);
  assert.ok(Math.abs(predictLogisticMargin(model, [4, 0, NaN]) - numericOnly) < 1e-15);
});

Deno.test("an unknown category and a missing value score as sklearn does", () => {
  // sklearn 1.2.1 pipeline of fit_test.ts, predict_proba of [nan, 1, 7.0].
  const p = predictLogisticRow(model, [NaN, 1, 7]);
  assert.ok(Math.abs(p - 0.677140677846444) < 1e-8);
});

Deno.test("dataset scoring equals row-by-row scoring", () => {
  const data = tinyDataset();
  const batch = predictLogisticProba(model, data);
  for (let i = 0; i < data.rows; i++) {
    assert.equal(batch[i], predictLogisticRow(model, data.columns.map((c) => c[i])));
  }
});

Deno.test("dataset scoring refuses features in another order", () => {
  const data = tinyDataset();
  data.features = [data.features[1], data.features[0], data.features[2]];
  assert.throws(() => predictLogisticProba(model, data), {
    message: 'Cannot score dataset: feature 0 is "flag" but the model expects "x1"',
  });
});
