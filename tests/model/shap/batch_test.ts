import assert from "node:assert/strict";
import {
  globalImportance,
  meanAbsShap,
  treeShap,
  treeShapBatch,
} from "../../../lib/model/shap/mod.ts";
import type { Dataset, GbdtModel } from "../../../lib/model/types.ts";
import { createRng } from "../../../lib/random/mod.ts";
import { randomModel, randomRow } from "./fixtures.ts";

function datasetFor(model: GbdtModel, rows: Float64Array[]): Dataset {
  const columns = model.features.map((_, j) => Float64Array.from(rows, (row) => row[j]));
  return { features: model.features, columns, rows: rows.length };
}

Deno.test("batch SHAP equals row-by-row SHAP, column-major", () => {
  const rng = createRng(21);
  const model = randomModel(rng, 15, 6);
  const rows = Array.from({ length: 20 }, () => randomRow(rng, 6, 0.2));
  const batch = treeShapBatch(model, datasetFor(model, rows));
  rows.forEach((row, i) => {
    const { expectedValue, shap } = treeShap(model, row);
    assert.equal(batch.expectedValue, expectedValue);
    shap.forEach((value, j) => assert.equal(batch.shap[j][i], value));
  });
});

Deno.test("mean |SHAP| averages absolute values per feature", () => {
  const batch = {
    expectedValue: 0,
    rows: 2,
    shap: [Float64Array.of(1, -3), Float64Array.of(0, 0.5)],
  };
  assert.deepEqual([...meanAbsShap(batch)], [2, 0.25]);
});

Deno.test("global importance ranks features by mean |SHAP| with unused features last", () => {
  const rng = createRng(22);
  const used = randomModel(rng, 30, 3, { maxDepth: 5 });
  const model: GbdtModel = {
    ...used,
    features: [...used.features, { name: "unused", type: "numeric" }],
  };
  const rows = Array.from({ length: 30 }, () => randomRow(rng, 4, 0.1));
  const ranking = globalImportance(model, datasetFor(model, rows));
  assert.equal(ranking.length, 4);
  assert.deepEqual(ranking[3], { feature: 3, name: "unused", meanAbsShap: 0 });
  for (let k = 1; k < ranking.length; k++) {
    assert.ok(ranking[k - 1].meanAbsShap >= ranking[k].meanAbsShap);
  }
});

Deno.test("batch SHAP refuses a dataset whose features differ from the model's", () => {
  const rng = createRng(23);
  const model = randomModel(rng, 2, 2);
  const data: Dataset = {
    features: [{ name: "f0", type: "numeric" }, { name: "other", type: "numeric" }],
    columns: [new Float64Array(1), new Float64Array(1)],
    rows: 1,
  };
  assert.throws(() => treeShapBatch(model, data), {
    message: 'Cannot explain dataset: feature 1 is "other" but the model expects "f1"',
  });
});
