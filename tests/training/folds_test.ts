import assert from "node:assert/strict";
import { stratifiedKFold } from "../../lib/training/folds.ts";
import { createRng } from "../../lib/random/mod.ts";

const label = Float64Array.from({ length: 103 }, (_, i) => (i % 4 === 0 ? 1 : 0));

Deno.test("stratified folds cover every row once and keep each class's share", () => {
  const folds = stratifiedKFold(label, 5, createRng(3));
  const seen = new Uint8Array(label.length);
  for (const fold of folds) {
    for (const row of fold.valid) seen[row]++;
    assert.equal(fold.train.length + fold.valid.length, label.length);
    const positives = fold.valid.reduce((sum, row) => sum + label[row], 0);
    assert.ok(positives === 5 || positives === 6, `fold has ${positives} positives`);
  }
  assert.ok(seen.every((count) => count === 1));
});

Deno.test("the same seed deals the same folds", () => {
  assert.deepEqual(
    stratifiedKFold(label, 3, createRng(8)),
    stratifiedKFold(label, 3, createRng(8)),
  );
});

Deno.test("a class with fewer rows than folds is refused naming the param", () => {
  assert.throws(
    () => stratifiedKFold(Float64Array.of(0, 0, 0, 1, 1, 0), 3, createRng(1)),
    /2 rows of class 1, fewer than the folds \(lower train\.cv_folds\)/,
  );
});
