import assert from "node:assert/strict";
import { crossValidateLogistic } from "../../lib/training/logistic_cv.ts";
import { stratifiedKFold } from "../../lib/training/folds.ts";
import { takeRows } from "../../lib/model/dataset.ts";
import { fitLogistic, predictLogisticProba } from "../../lib/model/logistic/mod.ts";
import { logloss } from "../../lib/model/metrics/mod.ts";
import { createRng } from "../../lib/random/mod.ts";
import { truthDataset } from "./fixtures.ts";

const data = truthDataset("linear", 400, 6);
const folds = stratifiedKFold(data.label!, 5, createRng(1));
const grid = [1e-4, 1e-3, 1e-2, 0.1, 1, 10, 100, 1e3, 1e4];

/** Mean fold log loss of one strength, each fold fitted from scratch. */
function coldLoss(l2: number): number {
  return folds.reduce((sum, fold) => {
    const valid = takeRows(data, fold.valid);
    const p = predictLogisticProba(fitLogistic(takeRows(data, fold.train), { l2 }), valid);
    return sum + logloss(p, valid.label!) / folds.length;
  }, 0);
}

Deno.test("the L2 strength with the lowest mean fold log loss is chosen, strongest tried first", () => {
  const cv = crossValidateLogistic(data, folds, grid);
  assert.deepEqual(cv.grid.map((s) => s.l2), [...grid].reverse());
  const tried = cv.grid.filter((s) => !Number.isNaN(s.meanLogLoss));
  // Warm starts reach the same optimum as cold fits: both stop at the fit's gradient
  // tolerance (1e-8 per row), so their losses agree to far better than any grid step.
  for (const s of tried) {
    const gap = Math.abs(s.meanLogLoss - coldLoss(s.l2));
    assert.ok(gap < 1e-7, `l2 ${s.l2}: ${gap}`);
  }
  const best = tried.reduce((a, b) => (b.meanLogLoss < a.meanLogLoss ? b : a));
  assert.equal(cv.l2, best.l2);
  // A penalty of 1e4 flattens the model: it must lose on a signal this strong.
  assert.notEqual(cv.l2, 1e4);
  assert.equal(cv.oof.length, data.rows);
});

Deno.test("the walk stops after two strengths in a row worse than the best", () => {
  const cv = crossValidateLogistic(data, folds, grid);
  const at = cv.grid.findIndex((s) => s.l2 === cv.l2);
  const after = cv.grid.slice(at + 1);
  assert.ok(after.slice(0, 2).every((s) => s.meanLogLoss > cv.grid[at].meanLogLoss));
  assert.ok(after.slice(2).every((s) => Number.isNaN(s.meanLogLoss) && /not tried/.test(s.note!)));
  // Every strength tried when the patience is the grid's length: the same choice.
  const full = crossValidateLogistic(data, folds, grid, { patience: grid.length });
  assert.equal(full.l2, cv.l2);
  assert.ok(full.grid.every((s) => Number.isFinite(s.meanLogLoss)));
  const losses = full.grid.map((s) => s.meanLogLoss);
  assert.equal(full.grid[losses.indexOf(Math.min(...losses))].l2, cv.l2);
});

Deno.test("a warm start reaches the cold fit's coefficients", () => {
  const strong = fitLogistic(data, { l2: 100 });
  const warm = fitLogistic(data, { l2: 0.1 }, { start: strong });
  const cold = fitLogistic(data, { l2: 0.1 });
  warm.coefficients.forEach((c, k) => assert.ok(Math.abs(c - cold.coefficients[k]) < 1e-7));
  assert.ok(Math.abs(warm.intercept - cold.intercept) < 1e-7);
});

Deno.test("an empty grid is refused", () => {
  assert.throws(() => crossValidateLogistic(data, folds, []), /empty L2 grid/);
});

Deno.test("reusing the Hessian reaches the same coefficients with fewer Hessians", () => {
  const strong = fitLogistic(data, { l2: 100 });
  const chord = fitLogistic(data, { l2: 0.1 }, { start: strong, reuseHessian: true });
  const cold = fitLogistic(data, { l2: 0.1 });
  chord.coefficients.forEach((c, k) => assert.ok(Math.abs(c - cold.coefficients[k]) < 1e-7));
  assert.ok((chord.params.hessians as number) < (cold.params.iterations as number));
  assert.ok((chord.params.gradientNorm as number) <= 1e-8);
});
