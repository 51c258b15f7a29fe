import assert from "node:assert/strict";
import { modelColumns, scoreColumns } from "../../lib/drift/reference.ts";
import type { FeatureManifest } from "../../lib/features/manifest/mod.ts";
import type { LogisticModel } from "../../lib/model/types.ts";
import { predictLogisticRow } from "../../lib/model/logistic/predict.ts";

// A model trained without the protected attribute "sex": the drift data still holds it.
const numeric = (name: string) => ({ name, type: "numeric" as const });
const model = {
  format: "riskpipe.logistic",
  formatVersion: 1,
  features: [numeric("income"), numeric("age")],
  design: [
    { feature: 0, kind: "numeric", mean: 0, scale: 1 },
    { feature: 1, kind: "numeric", mean: 0, scale: 1 },
  ],
  coefficients: [0.5, -0.25],
  intercept: 0.1,
  l2: 1,
} as unknown as LogisticModel;

Deno.test("drift scores only the model's own features, in the model's order", () => {
  const data = {
    features: [numeric("age"), numeric("sex"), numeric("income")],
    columns: [Float64Array.of(30, 40), Float64Array.of(1, 0), Float64Array.of(2, 3)],
    rows: 2,
  };
  const view = modelColumns(model, data);
  assert.deepEqual(view.features.map((f) => f.name), ["income", "age"]);
  assert.deepEqual(view.columns.map((c) => [...c]), [[2, 3], [30, 40]]);
  const manifest = { features: data.features } as unknown as FeatureManifest;
  const scores = scoreColumns(model, manifest, data.columns);
  assert.ok(Math.abs(scores[0] - predictLogisticRow(model, [2, 30])) < 1e-15);
});

Deno.test("a model feature missing from the drift data is named", () => {
  const data = { features: [numeric("age")], columns: [Float64Array.of(1)], rows: 1 };
  assert.throws(() => modelColumns(model, data), {
    name: "RangeError",
    message: 'Cannot score the drift data: the model\'s feature "income" is not in it',
  });
});
