import assert from "node:assert/strict";
import { marginLogLoss, rocAuc } from "../../../lib/model/gbdt/evaluation.ts";

Deno.test("AUC counts a tied positive-negative pair as half", () => {
  // Pairs (pos, neg): (0.8, 0.1) win, (0.8, 0.4) win, (0.4, 0.1) win, (0.4, 0.4) tie.
  const auc = rocAuc(new Float64Array([1, 0, 1, 0]), new Float64Array([0.8, 0.4, 0.4, 0.1]));
  assert.equal(auc, 3.5 / 4);
});

Deno.test("AUC is NaN when one class is absent", () => {
  assert.ok(Number.isNaN(rocAuc(new Float64Array([1, 1]), new Float64Array([0.1, 0.2]))));
});

Deno.test("log loss of margins matches -log of the predicted probability", () => {
  const loss = marginLogLoss(new Float64Array([1, 0]), new Float64Array([0, Math.log(3)]));
  assert.ok(Math.abs(loss - (Math.log(2) + Math.log(4)) / 2) < 1e-15);
});
