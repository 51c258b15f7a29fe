import assert from "node:assert/strict";
import { predictRowMargin, trainGbdt } from "../../../lib/model/gbdt/mod.ts";
import { makeSyntheticDataset } from "../../../lib/model/gbdt/synthetic.ts";
import { treeShapBatch } from "../../../lib/model/shap/mod.ts";

Deno.test("SHAP values of a trained GBDT add up to its margin on rows with missing values", async () => {
  const train = makeSyntheticDataset({ rows: 2000, features: 9, seed: 5 });
  const model = await trainGbdt(train, { max_depth: 4, n_rounds: 20, seed: 1 }, { workers: 0 });
  const probe = makeSyntheticDataset({ rows: 100, features: 9, seed: 6, missingRate: 0.3 });
  const batch = treeShapBatch(model, probe);
  const row = new Float64Array(9);
  for (let i = 0; i < probe.rows; i++) {
    let total = batch.expectedValue;
    for (let j = 0; j < 9; j++) {
      row[j] = probe.columns[j][i];
      total += batch.shap[j][i];
    }
    const margin = predictRowMargin(model, row);
    assert.ok(Math.abs(total - margin) < 1e-9, `row ${i}: ${total} vs ${margin}`);
  }
});
