import assert from "node:assert/strict";
import { confusionAt } from "../../../lib/model/metrics/mod.ts";

Deno.test("confusion at a threshold calls scores at or above it positive", () => {
  const [row] = confusionAt([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], [0.35]);
  assert.deepEqual(row, {
    threshold: 0.35,
    tp: 2,
    fp: 1,
    tn: 1,
    fn: 0,
    precision: 2 / 3,
    recall: 1,
    fpr: 0.5,
    accuracy: 0.75,
  });
});

Deno.test("confusion above every score has zero precision and recall", () => {
  const [row] = confusionAt([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], [0.9]);
  assert.deepEqual(
    [row.tp, row.fp, row.tn, row.fn, row.precision, row.recall, row.fpr, row.accuracy],
    [0, 0, 2, 2, 0, 0, 0, 0.5],
  );
});

Deno.test("confusion returns one row per threshold in the order given", () => {
  const rows = confusionAt([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], [0.9, 0, 0.4]);
  assert.deepEqual(rows.map((row) => [row.threshold, row.tp + row.fp]), [[0.9, 0], [0, 4], [
    0.4,
    2,
  ]]);
});
