import assert from "node:assert/strict";
import { marginLogLoss } from "../../../lib/model/gbdt/evaluation.ts";

Deno.test("log loss of margins matches -log of the predicted probability", () => {
  const loss = marginLogLoss(new Float64Array([1, 0]), new Float64Array([0, Math.log(3)]));
  assert.ok(Math.abs(loss - (Math.log(2) + Math.log(4)) / 2) < 1e-15);
});

Deno.test("log loss of large margins stays finite", () => {
  const loss = marginLogLoss(new Float64Array([0]), new Float64Array([800]));
  assert.equal(loss, 800);
});
