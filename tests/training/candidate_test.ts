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
  assert.deepEqual(a.scorecard, b.scorecard);
  assert.deepEqual(a.scorecardOnnx, b.scorecardOnnx);
});

Deno.test("a candidate holds three models: the scorecard beside the GBDT and the logistic model", async () => {
  const candidate = await trainCandidate(keyed(3000, 5), params);
  const card = candidate.scorecard!;
  assert.equal(card.format, "riskpipe.scorecard");
  assert.ok(candidate.scorecardOnnx!.length > 0);
  assert.ok(candidate.metrics.onnx_scorecard_max_abs_diff <= 1e-6);
  assert.ok(candidate.metrics["valid.scorecard.rocAuc"] > 0.6);
  assert.equal(candidate.choice.auc.scorecard, candidate.metrics["valid.scorecard.rocAuc"]);
  // The train.scorecard params reach the fit.
  const scaled = await trainCandidate(
    keyed(3000, 5),
    TrainParams.parse({ ...params, scorecard: { base_score: 500, pdo: 40, min_bin_share: 0.1 } }),
  );
  assert.deepEqual(
    [scaled.scorecard!.scaling.baseScore, scaled.scorecard!.scaling.pdo],
    [500, 40],
  );
  assert.ok(
    scaled.scorecard!.binning.every((b, j) =>
      scaled.scorecard!.features[j].type === "categorical" ||
      b.count.slice(0, -1).every((c) => c >= 0.1 * scaled.metrics.train_rows)
    ),
  );
});

Deno.test("with CV the scorecard is judged out of fold, and train.scorecard.enabled false leaves it out", async () => {
  const cv = await trainCandidate(
    keyed(1500, 9),
    TrainParams.parse({ ...params, cv_below_rows: 50_000, cv_folds: 3 }),
  );
  assert.equal(cv.choice.criterion, "oof_auc");
  assert.equal(cv.choice.auc.scorecard, cv.metrics["oof.scorecard.rocAuc"]);
  assert.ok(cv.metrics["oof.scorecard.rocAuc"] > 0.6);
  const off = await trainCandidate(
    keyed(1500, 9),
    TrainParams.parse({ ...params, scorecard: { enabled: false } }),
  );
  assert.equal(off.scorecard, undefined);
  assert.equal(off.choice.auc.scorecard, undefined);
  assert.equal(off.metrics["valid.scorecard.rocAuc"], undefined);
  assert.match(off.choice.reason, /^chosen: \w+, validation AUC 0\.\d{4} vs \w+ 0\.\d{4}/);
});

Deno.test("train.choose serves the named kind whatever the AUCs", async () => {
  for (const choose of ["gbdt", "logistic", "scorecard"] as const) {
    const candidate = await trainCandidate(
      keyed(1500, 9),
      TrainParams.parse({ ...params, choose }),
    );
    assert.equal(candidate.choice.kind, choose);
    assert.match(candidate.choice.reason, /\(train\.choose\)$/);
  }
});
