import assert from "node:assert/strict";
import { ks, ksCurve } from "../../../lib/model/metrics/mod.ts";
import { createRng } from "../../../lib/random/mod.ts";

Deno.test("KS is the largest TPR − FPR, at the highest threshold reaching it", () => {
  assert.deepEqual(ks([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]), { statistic: 0.5, threshold: 0.8 });
});

Deno.test("KS is 1 when the classes are perfectly separated", () => {
  assert.deepEqual(ks([0.2, 0.3, 0.7, 0.9], [0, 0, 1, 1]), { statistic: 1, threshold: 0.7 });
});

Deno.test("the KS curve lists TPR, FPR and their difference per distinct score", () => {
  const curve = ksCurve([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]);
  assert.deepEqual([...curve.thresholds], [0.8, 0.4, 0.35, 0.1]);
  assert.deepEqual([...curve.tpr], [0.5, 0.5, 1, 1]);
  assert.deepEqual([...curve.fpr], [0, 0.5, 0.5, 1]);
  assert.deepEqual([...curve.difference], [0.5, 0, 0.5, 0]);
});

Deno.test("KS equals a brute-force scan of every score as threshold on seeded data", () => {
  const rng = createRng(62);
  const labels = Float64Array.from({ length: 300 }, () => (rng.bernoulli(0.3) ? 1 : 0));
  const scores = labels.map((y) => Math.round((rng.normal() + y) * 20) / 20);
  const positives = labels.reduce((a, b) => a + b, 0);
  let best = -Infinity;
  for (const t of scores) {
    let tp = 0;
    let fp = 0;
    scores.forEach((s, i) => {
      if (s >= t) labels[i] === 1 ? tp++ : fp++;
    });
    best = Math.max(best, tp / positives - fp / (labels.length - positives));
  }
  assert.equal(ks(scores, labels).statistic, best);
});
