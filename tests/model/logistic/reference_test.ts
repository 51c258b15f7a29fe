import assert from "node:assert/strict";
import { fitLogistic } from "../../../lib/model/logistic/mod.ts";
import { crossValidateLogistic } from "../../../lib/training/logistic_cv.ts";
import { stratifiedKFold } from "../../../lib/training/folds.ts";
import { createRng } from "../../../lib/random/mod.ts";
import { referenceDataset } from "./reference_fixture.ts";

interface RecordedFit {
  coefficients: number[];
  intercept: number;
}

// Recorded from the Newton fit as it was before the Gram kernel (row-block Hessian
// accumulator), on referenceDataset(): any faster Hessian must reach the same optimum.
const recorded = JSON.parse(
  await Deno.readTextFile(new URL("./reference_coefficients.json", import.meta.url)),
);
const data = referenceDataset();

for (const l2 of [1, 0.01, 30]) {
  Deno.test(`the fit with l2 ${l2} keeps the recorded coefficients to 1e-6`, () => {
    const expected = recorded[`l2=${l2}`] as RecordedFit;
    const model = fitLogistic(data, { l2 });
    assert.equal(model.coefficients.length, expected.coefficients.length);
    model.coefficients.forEach((c, k) => {
      assert.ok(Math.abs(c - expected.coefficients[k]) <= 1e-6, `coefficient ${k}: ${c}`);
    });
    assert.ok(Math.abs(model.intercept - expected.intercept) <= 1e-6, `${model.intercept}`);
  });
}

Deno.test("cross-validation keeps the recorded choice and fold losses", () => {
  const folds = stratifiedKFold(data.label!, 5, createRng(11));
  const cv = crossValidateLogistic(data, folds, [1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100, 1e3, 1e4]);
  assert.equal(cv.l2, recorded.cv.l2);
  cv.grid.forEach((score, k) => {
    const expected = recorded.cv.meanLogLoss[k];
    if (expected === null) assert.ok(Number.isNaN(score.meanLogLoss), `grid point ${k}`);
    else assert.ok(Math.abs(score.meanLogLoss - expected) <= 1e-9, `grid point ${k}`);
  });
  recorded.cv.oofHead.forEach((p: number, i: number) => {
    assert.ok(Math.abs(cv.oof[i] - p) <= 1e-7, `oof row ${i}`);
  });
});
