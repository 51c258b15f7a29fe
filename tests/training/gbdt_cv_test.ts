import assert from "node:assert/strict";
import { crossValidateGbdt } from "../../lib/training/gbdt_cv.ts";
import { stratifiedKFold } from "../../lib/training/folds.ts";
import { takeRows } from "../../lib/model/dataset.ts";
import { resolveGbdtParams, type RoundInfo, trainGbdt } from "../../lib/model/gbdt/mod.ts";
import { createRng } from "../../lib/random/mod.ts";
import { truthDataset } from "./fixtures.ts";

const data = truthDataset("interaction", 800, 4);
const folds = stratifiedKFold(data.label!, 4, createRng(2));
const params = resolveGbdtParams({
  max_depth: 3,
  learning_rate: 0.3,
  n_rounds: 80,
  early_stopping_rounds: 8,
  eval_metric: "logloss",
});

Deno.test("the mean curve is the mean of the folds trained alone and its best round wins", async () => {
  const cv = await crossValidateGbdt(data, folds, params, { workers: 0 });
  // Each fold trained on its own, every round, no early stopping.
  const curves = await Promise.all(folds.map(async (fold) => {
    const losses: number[] = [];
    await trainGbdt(takeRows(data, fold.train), { ...params, early_stopping_rounds: 0 }, {
      valid: takeRows(data, fold.valid),
      workers: 0,
      onRound: (info: RoundInfo) => losses.push(info.validLoss!),
    });
    return losses;
  }));
  const mean = curves[0].map((_, r) => curves.reduce((sum, c) => sum + c[r], 0) / curves.length);
  assert.equal(cv.roundsTrained, Math.min(80, cv.bestRound + 8));
  for (let r = 0; r < cv.roundsTrained; r++) assert.ok(Math.abs(cv.meanCurve[r] - mean[r]) < 1e-12);
  const seen = mean.slice(0, cv.roundsTrained);
  assert.equal(cv.bestRound, seen.indexOf(Math.min(...seen)) + 1);
  // The pick sits on the plateau of the whole curve: within 1% of its lowest loss anywhere,
  // and well past the first rounds where the loss is still falling fast.
  const lowest = Math.min(...mean);
  assert.ok(mean[cv.bestRound - 1] <= lowest * 1.01, `${mean[cv.bestRound - 1]} vs ${lowest}`);
  assert.ok(mean[cv.bestRound - 1] < mean[4] * 0.9);
});

Deno.test("out-of-fold predictions use the chosen round on each row's own fold", async () => {
  const cv = await crossValidateGbdt(data, folds, params, { workers: 0 });
  assert.equal(cv.oof.length, data.rows);
  assert.ok(cv.oof.every((p) => p > 0 && p < 1));
});

Deno.test("cross-validation is bit-identical across worker counts", async () => {
  const alone = await crossValidateGbdt(data, folds, params, { workers: 0 });
  const pooled = await crossValidateGbdt(data, folds, params, { workers: 1 });
  assert.deepEqual(pooled, alone);
});

Deno.test("a failing fold fails the run and stops the other folds", async () => {
  const broken = { ...data, label: Float64Array.from(data.label!, (y, i) => (i === 5 ? 2 : y)) };
  await assert.rejects(
    () => crossValidateGbdt(broken, folds, params, { workers: 0 }),
    /label of row \d+ is 2/,
  );
});
