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
const grid = [1e-4, 1e-2, 1, 100, 1e4];

Deno.test("the L2 strength with the lowest mean fold log loss is chosen", () => {
  const cv = crossValidateLogistic(data, folds, grid);
  const expected = grid.map((l2) =>
    folds.reduce((sum, fold) => {
      const p = predictLogisticProba(
        fitLogistic(takeRows(data, fold.train), { l2 }),
        takeRows(data, fold.valid),
      );
      return sum + logloss(p, takeRows(data, fold.valid).label!) / folds.length;
    }, 0)
  );
  cv.grid.forEach((score, k) => assert.ok(Math.abs(score.meanLogLoss - expected[k]) < 1e-12));
  assert.equal(cv.l2, grid[expected.indexOf(Math.min(...expected))]);
  // A penalty of 1e4 flattens the model: it must lose on a signal this strong.
  assert.notEqual(cv.l2, 1e4);
  assert.equal(cv.oof.length, data.rows);
});

Deno.test("an empty grid is refused", () => {
  assert.throws(() => crossValidateLogistic(data, folds, []), /empty L2 grid/);
});
