import assert from "node:assert/strict";
import { alignToFeatures } from "../../../lib/model/xgboost/mod.ts";
import { predictRowMargin } from "../../../lib/model/gbdt/predict.ts";
import type { FeatureSpec, GbdtModel } from "../../../lib/model/types.ts";

// One stump on "b" (b < 0.5 → -0.4, else 0.6) over features [a, b], as imported.
const imported: GbdtModel = {
  format: "riskpipe.gbdt",
  formatVersion: 1,
  objective: "binary:logistic",
  baseMargin: 0,
  features: [{ name: "a", type: "numeric" }, { name: "b", type: "numeric" }],
  params: { importedFrom: "xgboost" },
  trees: [{
    feature: [1, -1, -1],
    threshold: [0.5, 0, 0],
    defaultLeft: [true, false, false],
    left: [1, -1, -1],
    right: [2, -1, -1],
    value: [0, -0.4, 0.6],
    cover: [10, 4, 6],
    gain: [3, 0, 0],
  }],
};

Deno.test("aligning renumbers splits by name and takes the manifest's feature specs", () => {
  const manifest: FeatureSpec[] = [
    { name: "b", type: "categorical", levels: ["x", "y"] },
    { name: "a", type: "numeric" },
  ];
  const aligned = alignToFeatures(imported, manifest, "v0001");
  assert.deepEqual(aligned.trees[0].feature, [0, -1, -1]);
  assert.deepEqual(aligned.features, manifest);
  // b = 1 sends the row right in both layouts.
  assert.equal(predictRowMargin(imported, [0, 1]), 0.6);
  assert.equal(predictRowMargin(aligned, [1, 0]), 0.6);
});

Deno.test("names only one side has are listed, each side named", () => {
  const manifest: FeatureSpec[] = ["a", "c", "d", "e", "f", "g", "h"].map((name) => ({
    name,
    type: "numeric",
  }));
  assert.throws(() => alignToFeatures(imported, manifest, "v0001"), {
    message: "Cannot align the model to the feature manifest of v0001: feature names disagree: " +
      'not in the manifest: "b"; in the manifest but not in the model: "c", "d", "e", "f", ' +
      '"g" and 1 more',
  });
});

Deno.test("a model without feature_names gets a hint on how to name them", () => {
  const unnamed = {
    ...imported,
    features: [{ name: "f0", type: "numeric" as const }, { name: "f1", type: "numeric" as const }],
    params: { featureNamesDefaulted: true },
  };
  assert.throws(
    () => alignToFeatures(unnamed, imported.features, "v0001"),
    /\(the model has no feature_names: train it on a DMatrix whose feature_names are the manifest's\)$/,
  );
});
