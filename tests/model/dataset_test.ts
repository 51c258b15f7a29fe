import assert from "node:assert/strict";
import { stratifiedHoldout, takeRows } from "../../lib/model/dataset.ts";
import type { FeatureSpec } from "../../lib/model/types.ts";
import { createRng } from "../../lib/random/mod.ts";

const FEATURES: FeatureSpec[] = [
  { name: "AMT", type: "numeric" },
  { name: "KIND", type: "categorical", levels: ["a", "b"] },
];

Deno.test("the stratified holdout keeps each class's share and is seeded", () => {
  const label = new Float64Array(100);
  for (let i = 0; i < 20; i++) label[i * 5] = 1;
  const a = stratifiedHoldout(label, 0.25, createRng(3));
  const b = stratifiedHoldout(label, 0.25, createRng(3));
  assert.deepEqual(a, b);
  assert.equal(a.valid.length, 25);
  assert.equal(Array.from(a.valid).filter((i) => label[i] === 1).length, 5);
  assert.equal(new Set([...a.train, ...a.valid]).size, 100);
});

Deno.test("takeRows picks rows in the given order", () => {
  const data = {
    features: FEATURES,
    columns: [Float64Array.of(1, 2, 3), Float64Array.of(0, 1, 0)],
    rows: 3,
    label: Float64Array.of(0, 1, 1),
  };
  const picked = takeRows(data, [2, 0]);
  assert.deepEqual(Array.from(picked.columns[0]), [3, 1]);
  assert.deepEqual(Array.from(picked.label ?? []), [1, 0]);
});

Deno.test("the stratified holdout handles Kaggle-scale row counts", () => {
  const label = new Float64Array(400_000);
  for (let i = 0; i < label.length; i += 12) label[i] = 1;
  const { train, valid } = stratifiedHoldout(label, 0.15, createRng(1));
  assert.equal(train.length + valid.length, 400_000);
  assert.equal(valid.length, Math.round(33_334 * 0.15) + Math.round(366_666 * 0.15));
});
