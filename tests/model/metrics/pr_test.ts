import assert from "node:assert/strict";
import { prAuc, prCurve } from "../../../lib/model/metrics/mod.ts";
import { createRng } from "../../../lib/random/mod.ts";

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

Deno.test("average precision equals the mean precision at each positive's score, ties included", () => {
  const rng = createRng(61);
  const labels = Float64Array.from({ length: 400 }, () => (rng.bernoulli(0.25) ? 1 : 0));
  const scores = labels.map((y) => Math.round((rng.float() + 0.4 * y) * 50) / 50);
  let sum = 0;
  let positives = 0;
  for (let i = 0; i < scores.length; i++) {
    if (labels[i] !== 1) continue;
    positives++;
    let called = 0;
    let hits = 0;
    for (let k = 0; k < scores.length; k++) {
      if (scores[k] >= scores[i]) {
        called++;
        hits += labels[k];
      }
    }
    sum += hits / called;
  }
  assert.ok(Math.abs(prAuc(scores, labels) - sum / positives) < 1e-12);
});
