import assert from "node:assert/strict";
import { brier, logloss } from "../../../lib/model/metrics/mod.ts";

Deno.test("Brier score is the mean squared error of the probabilities", () => {
  // (0.2² + 0.3² + 0.9²) / 3
  assert.ok(Math.abs(brier([0.2, 0.7, 0.9], [0, 1, 0]) - 0.94 / 3) < 1e-15);
});

Deno.test("log loss of coin-flip predictions is ln 2", () => {
  assert.equal(logloss([0.5, 0.5], [0, 1]), Math.LN2);
});

Deno.test("log loss clips confident mistakes to a finite cost", () => {
  // Label 1 at p = 0 costs −ln(1e-15); label 0 at p = 1 costs −ln(1 − (1 − 1e-15)) in floats.
  const cost = (-Math.log(1e-15) - Math.log(1 - (1 - 1e-15))) / 2;
  const value = logloss([0, 1], [1, 0]);
  assert.ok(Number.isFinite(value));
  assert.ok(Math.abs(value - cost) < 1e-12);
});
