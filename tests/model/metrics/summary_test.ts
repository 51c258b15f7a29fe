import assert from "node:assert/strict";
import {
  expectedCalibrationError,
  ks,
  prAuc,
  rocAuc,
  summariseBinary,
} from "../../../lib/model/metrics/mod.ts";
import { createRng } from "../../../lib/random/mod.ts";

Deno.test("the summary holds every scalar metric of the scores", () => {
  const summary = summariseBinary([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]);
  assert.deepEqual(Object.keys(summary).sort(), [
    "brier",
    "ece",
    "gini",
    "ks",
    "ksThreshold",
    "logloss",
    "positives",
    "prAuc",
    "prevalence",
    "rocAuc",
    "rows",
  ]);
  assert.equal(summary.rocAuc, 0.75);
  assert.equal(summary.gini, 0.5);
  assert.equal(summary.ks, 0.5);
  assert.equal(summary.prevalence, 0.5);
  // (0.01 + 0.16 + 0.4225 + 0.04) / 4
  assert.ok(Math.abs(summary.brier - 0.6325 / 4) < 1e-15);
});

Deno.test("the summary refuses scores outside [0, 1]", () => {
  assert.throws(() => summariseBinary([0.1, 1.5], [0, 1]), {
    message: "Cannot summarise metrics: probability at row 1 is 1.5",
  });
});

Deno.test("the summary agrees with the single-metric functions on seeded data", () => {
  const rng = createRng(41);
  const labels = Float64Array.from({ length: 300 }, () => (rng.bernoulli(0.3) ? 1 : 0));
  const scores = labels.map((y) => Math.round(100 / (1 + Math.exp(-(rng.normal() + y)))) / 100);
  const summary = summariseBinary(scores, labels);
  assert.equal(summary.rocAuc, rocAuc(scores, labels));
  assert.equal(summary.prAuc, prAuc(scores, labels));
  assert.deepEqual([summary.ks, summary.ksThreshold], Object.values(ks(scores, labels)));
  assert.equal(summary.ece, expectedCalibrationError(scores, labels));
});
