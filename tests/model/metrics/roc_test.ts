import assert from "node:assert/strict";
import { gini, rocAuc, rocCurve } from "../../../lib/model/metrics/mod.ts";
import { createRng } from "../../../lib/random/mod.ts";

/** Counts positive–negative pairs ordered correctly, ties as one half. */
function pairwiseAuc(scores: Float64Array, labels: Float64Array): number {
  let pairs = 0;
  let total = 0;
  for (let i = 0; i < scores.length; i++) {
    if (labels[i] !== 1) continue;
    for (let j = 0; j < scores.length; j++) {
      if (labels[j] !== 0) continue;
      total++;
      if (scores[i] > scores[j]) pairs += 1;
      else if (scores[i] === scores[j]) pairs += 0.5;
    }
  }
  return pairs / total;
}

Deno.test("ROC AUC of a four-row example is the share of correctly ordered pairs", () => {
  assert.equal(rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]), 0.75);
});

Deno.test("ROC AUC counts a tied positive–negative pair as one half", () => {
  assert.equal(rocAuc([0.1, 0.5, 0.5, 0.9], [0, 1, 0, 1]), 3.5 / 4);
});

Deno.test("ROC AUC is 0.5 when every score is tied", () => {
  assert.equal(rocAuc([0.3, 0.3, 0.3, 0.3, 0.3], [0, 1, 1, 0, 0]), 0.5);
});

Deno.test("ROC AUC equals a brute-force pairwise count on seeded data with ties", () => {
  const rng = createRng(7);
  const rows = 600;
  const scores = new Float64Array(rows);
  const labels = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    labels[i] = rng.bernoulli(0.2) ? 1 : 0;
    // Rounded to two decimals so many scores tie, within and across classes.
    scores[i] = Math.round((rng.float() + 0.3 * labels[i]) * 100) / 100;
  }
  assert.equal(rocAuc(scores, labels), pairwiseAuc(scores, labels));
});

Deno.test("Gini is twice the AUC minus one", () => {
  assert.equal(gini([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]), 0.5);
});

Deno.test("the ROC curve has one point per distinct score after the origin", () => {
  const curve = rocCurve([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]);
  assert.deepEqual([...curve.thresholds], [Infinity, 0.8, 0.4, 0.35, 0.1]);
  assert.deepEqual([...curve.fpr], [0, 0, 0.5, 0.5, 1]);
  assert.deepEqual([...curve.tpr], [0, 0.5, 0.5, 1, 1]);
});

Deno.test("ROC AUC refuses labels of a single class", () => {
  assert.throws(
    () => rocAuc([0.1, 0.2], [0, 0]),
    (error: Error) =>
      error instanceof RangeError &&
      error.message === "Cannot compute ROC AUC: labels hold only negatives",
  );
});

Deno.test("ROC AUC refuses a label that is not 0 or 1, naming the row", () => {
  assert.throws(
    () => rocAuc([0.1, 0.2, 0.3], [0, 1, 2]),
    (error: Error) =>
      error instanceof TypeError &&
      error.message === "Cannot compute ROC AUC: label at row 2 is 2, expected 0 or 1",
  );
});

Deno.test("ROC AUC refuses a missing score, naming the row", () => {
  assert.throws(
    () => rocAuc([0.1, NaN], [0, 1]),
    { message: "Cannot compute ROC AUC: score at row 1 is NaN" },
  );
});

Deno.test("ROC AUC refuses scores and labels of different lengths", () => {
  assert.throws(
    () => rocAuc([0.1, 0.2], [0]),
    { message: "Cannot compute ROC AUC: 2 scores but 1 labels" },
  );
});
