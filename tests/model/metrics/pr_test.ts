import assert from "node:assert/strict";
import { prAuc, prCurve } from "../../../lib/model/metrics/mod.ts";

Deno.test("average precision of a four-row example is 5/6", () => {
  // Steps: recall 0.5 at precision 1, then recall 1 at precision 2/3.
  assert.ok(Math.abs(prAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]) - 5 / 6) < 1e-15);
});

Deno.test("average precision treats tied scores as one step", () => {
  // 0.9 → (R 0.5, P 1); the tie at 0.5 → (R 1, P 2/3) as one step.
  assert.ok(Math.abs(prAuc([0.1, 0.5, 0.5, 0.9], [0, 1, 0, 1]) - 5 / 6) < 1e-15);
});

Deno.test("average precision is 1 when every positive outranks every negative", () => {
  assert.equal(prAuc([0.2, 0.3, 0.7, 0.9], [0, 0, 1, 1]), 1);
});

Deno.test("the PR curve starts at recall 0 and precision 1", () => {
  const curve = prCurve([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]);
  assert.deepEqual([...curve.thresholds], [Infinity, 0.8, 0.4, 0.35, 0.1]);
  assert.deepEqual([...curve.recall], [0, 0.5, 0.5, 1, 1]);
  assert.deepEqual([...curve.precision], [1, 1, 0.5, 2 / 3, 0.5]);
});
