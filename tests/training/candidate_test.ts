import assert from "node:assert/strict";
import { trainCandidate } from "../../lib/training/candidate.ts";
import { TrainParams } from "../../lib/training/params.ts";
import { makeSyntheticDataset } from "../../lib/model/gbdt/synthetic.ts";
import type { KeyedDataset } from "../../lib/model/dataset.ts";

function keyed(rows: number, seed: number): KeyedDataset {
  const data = makeSyntheticDataset({ rows, features: 10, seed });
  return { ...data, ids: Float64Array.from({ length: rows }, (_, i) => i + 1) };
}

// One validation fold: cross-validation off.
const params = TrainParams.parse({
  cv_below_rows: 0,
  gbdt: { n_rounds: 40, max_depth: 4, early_stopping_rounds: 10 },
  baseline: { l2: 1 },
});

Deno.test("the candidate pair trains, exports to ONNX within 1e-6 and beats chance", async () => {
  const rounds: number[] = [];
  const candidate = await trainCandidate(keyed(3000, 5), params, (info) => rounds.push(info.round));
  assert.ok(candidate.metrics.onnx_gbdt_max_abs_diff <= 1e-6);
  assert.ok(candidate.metrics.onnx_baseline_max_abs_diff <= 1e-6);
  assert.ok(candidate.metrics["valid.gbdt.rocAuc"] > 0.75);
  assert.ok(candidate.metrics["valid.baseline.rocAuc"] > 0.6);
  assert.equal(candidate.metrics.valid_rows + candidate.metrics.train_rows, 3000);
  assert.ok(candidate.gbdt.trees.length <= 40);
  assert.deepEqual(rounds.slice(0, 3), [1, 2, 3]);
});

Deno.test("training is deterministic for the same data and params", async () => {
  const a = await trainCandidate(keyed(1500, 9), params);
  const b = await trainCandidate(keyed(1500, 9), params);
  assert.deepEqual(a.gbdt, b.gbdt);
  assert.deepEqual(a.baseline, b.baseline);
});
