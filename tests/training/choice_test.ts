import assert from "node:assert/strict";
import { trainCandidate } from "../../lib/training/candidate.ts";
import { TrainParams } from "../../lib/training/params.ts";
import { chooseModel, parseModelChoice } from "../../lib/training/choice.ts";
import { baseMarginOf } from "../../lib/model/gbdt/gradients.ts";
import { truthDataset } from "./fixtures.ts";

const params = TrainParams.parse({
  cv_folds: 5,
  gbdt: { n_rounds: 200, max_depth: 3, learning_rate: 0.1, early_stopping_rounds: 15 },
});

Deno.test("on a linear truth the logistic model wins on out-of-fold AUC", async () => {
  const candidate = await trainCandidate(truthDataset("linear", 1000, 21), params);
  assert.equal(candidate.choice.kind, "logistic");
  assert.equal(candidate.choice.criterion, "oof_auc");
  assert.ok(candidate.choice.auc.logistic > candidate.choice.auc.gbdt);
  assert.match(
    candidate.choice.reason,
    /^chosen: logistic, oof AUC 0\.\d{4} vs scorecard 0\.\d{4}, gbdt 0\.\d{4}$/,
  );
  assert.equal(candidate.metrics.chosen_logistic, 1);
});

Deno.test("on an interaction truth the GBDT wins", async () => {
  const candidate = await trainCandidate(truthDataset("interaction", 1000, 22), params);
  assert.equal(candidate.choice.kind, "gbdt");
  assert.ok(candidate.choice.auc.gbdt > candidate.choice.auc.logistic + 0.1);
});

Deno.test("after cross-validation both models are refitted on every training row", async () => {
  const data = truthDataset("interaction", 600, 23);
  const candidate = await trainCandidate(data, params);
  const cv = candidate.cv!;
  assert.equal(candidate.gbdt.trees.length, cv.gbdt.bestRound);
  assert.equal(candidate.metrics.train_rows, 600);
  // The first tree's root covers the hessian of every row (subsample 1): n·p₀(1 − p₀).
  const p0 = 1 / (1 + Math.exp(-baseMarginOf(data.label!)));
  assert.ok(Math.abs(candidate.gbdt.trees[0].cover[0] - 600 * p0 * (1 - p0)) < 1e-6);
  assert.equal(candidate.baseline.params.l2, cv.logistic.l2);
  // The baseline's design is fitted on all rows: the imputed mean of x0 is the full mean.
  const mean = data.columns[0].reduce((sum, x) => sum + x, 0) / 600;
  const x0 = candidate.baseline.design.find((d) => d.kind === "numeric" && d.feature === 0);
  assert.ok(x0?.kind === "numeric" && Math.abs(x0.mean - mean) < 1e-12);
});

Deno.test("the cross-validated candidate is bit-identical across worker counts", async () => {
  const data = truthDataset("linear", 500, 24);
  const small = TrainParams.parse({ ...params, gbdt: { ...params.gbdt, n_rounds: 40 } });
  const alone = await trainCandidate(data, small, { workers: 0 });
  const pooled = await trainCandidate(data, small, { workers: 1 });
  assert.deepEqual(pooled.gbdt, alone.gbdt);
  assert.deepEqual(pooled.baseline, alone.baseline);
  assert.deepEqual(pooled.choice, alone.choice);
});

Deno.test("a tie keeps the logistic model, and so does a GBDT lead within the margin", () => {
  assert.equal(chooseModel({ gbdt: 0.7, logistic: 0.7 }, "valid_auc").kind, "logistic");
  const close = chooseModel({ gbdt: 0.7495, logistic: 0.7491 }, "oof_auc", 0.002);
  assert.equal(close.kind, "logistic");
  assert.equal(
    close.reason,
    "chosen: logistic, oof AUC 0.7491 vs gbdt 0.7495 (the GBDT leads by no more than the 0.002 margin)",
  );
  assert.equal(chooseModel({ gbdt: 0.7521, logistic: 0.75 }, "oof_auc", 0.002).kind, "gbdt");
  assert.equal(
    chooseModel({ gbdt: 0.752, logistic: 0.781 }, "oof_auc").reason,
    "chosen: logistic, oof AUC 0.7810 vs gbdt 0.7520",
  );
});

Deno.test("the logistic model is kept unless the scorecard or the GBDT leads it by more than the margin", () => {
  const within = chooseModel(
    { gbdt: 0.7534, logistic: 0.752, scorecard: 0.7535 },
    "oof_auc",
    0.002,
  );
  assert.equal(within.kind, "logistic");
  assert.equal(
    within.reason,
    "chosen: logistic, oof AUC 0.7520 vs scorecard 0.7535, gbdt 0.7534 (the scorecard and the GBDT lead by no more than the 0.002 margin)",
  );
  assert.deepEqual(within.auc, { gbdt: 0.7534, logistic: 0.752, scorecard: 0.7535 });
  // The scorecard leads the logistic model by more than the margin; the GBDT does not lead it.
  const card = chooseModel({ gbdt: 0.76, logistic: 0.75, scorecard: 0.759 }, "valid_auc", 0.002);
  assert.equal(card.kind, "scorecard");
  assert.equal(
    card.reason,
    "chosen: scorecard, validation AUC 0.7590 vs logistic 0.7500, gbdt 0.7600 (the GBDT leads by no more than the 0.002 margin)",
  );
  // The GBDT leads the kept logistic model by more than the margin, the scorecard does not.
  const gbdt = chooseModel({ gbdt: 0.7541, logistic: 0.752, scorecard: 0.7535 }, "oof_auc", 0.002);
  assert.equal(gbdt.kind, "gbdt");
  assert.equal(gbdt.reason, "chosen: gbdt, oof AUC 0.7541 vs logistic 0.7520, scorecard 0.7535");
  // A GBDT that leads the logistic model but not the chosen scorecard by the margin loses.
  const after = chooseModel({ gbdt: 0.7555, logistic: 0.75, scorecard: 0.754 }, "oof_auc", 0.002);
  assert.equal(after.kind, "scorecard");
  // A tie keeps the least flexible; with no margin the highest AUC wins.
  assert.equal(
    chooseModel({ gbdt: 0.7, logistic: 0.7, scorecard: 0.7 }, "oof_auc").kind,
    "logistic",
  );
  assert.equal(
    chooseModel({ gbdt: 0.7, logistic: 0.7, scorecard: 0.7001 }, "oof_auc").kind,
    "scorecard",
  );
});

Deno.test("train.choose forces a kind and says so, and refuses one that was not trained", () => {
  const forced = chooseModel(
    { gbdt: 0.78, logistic: 0.75, scorecard: 0.74 },
    "oof_auc",
    0.002,
    "scorecard",
  );
  assert.equal(forced.kind, "scorecard");
  assert.equal(
    forced.reason,
    "chosen: scorecard, oof AUC 0.7400 vs logistic 0.7500, gbdt 0.7800 (train.choose)",
  );
  assert.throws(
    () => chooseModel({ gbdt: 0.78, logistic: 0.75 }, "oof_auc", 0.002, "scorecard"),
    { name: "RangeError", message: "Cannot choose scorecard (train.choose): it was not trained" },
  );
});

Deno.test("a choice.json written before the scorecard was a candidate still reads", () => {
  const old = {
    formatVersion: 1,
    kind: "logistic",
    criterion: "oof_auc",
    auc: { gbdt: 0.752, logistic: 0.781 },
    reason: "chosen: logistic, oof AUC 0.7810 vs gbdt 0.7520",
  };
  assert.deepEqual(parseModelChoice(old, "v0001/choice.json"), old);
  const three = chooseModel({ gbdt: 0.75, logistic: 0.74, scorecard: 0.76 }, "oof_auc");
  assert.deepEqual(parseModelChoice(JSON.parse(JSON.stringify(three)), "choice.json"), three);
  assert.throws(
    () => parseModelChoice({ ...old, kind: "forest" }, "v0001/choice.json"),
    /^TypeError: Cannot read v0001\/choice\.json: kind: /,
  );
});

Deno.test("train.choose: scorecard with the scorecard off fails the params check naming both", () => {
  const result = TrainParams.safeParse({ choose: "scorecard", scorecard: { enabled: false } });
  assert.equal(result.success, false);
  assert.deepEqual(result.error!.issues.map((i) => [i.path.join("."), i.message]), [[
    "choose",
    "Cannot choose the scorecard when train.scorecard.enabled is false",
  ]]);
  assert.equal(TrainParams.safeParse({ choose: "forest" }).success, false);
  assert.equal(TrainParams.parse({}).choose, "auto");
  assert.equal(TrainParams.parse({}).scorecard.enabled, true);
  assert.equal(TrainParams.parse({}).scorecard.min_bin_share, 0.05);
});
