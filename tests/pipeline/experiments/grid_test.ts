import assert from "node:assert/strict";
import { gridProduct, parseGridAxis } from "../../../lib/pipeline/experiments/grid.ts";

Deno.test("the grid is the product of its axes, the last axis fastest", () => {
  const runs = gridProduct([
    parseGridAxis("train.gbdt.max_depth=4,6,8"),
    parseGridAxis("train.gbdt.learning_rate=0.05,0.1"),
  ]);
  assert.equal(runs.length, 6);
  assert.deepEqual(runs.slice(0, 2), [
    ["train.gbdt.max_depth=4", "train.gbdt.learning_rate=0.05"],
    ["train.gbdt.max_depth=4", "train.gbdt.learning_rate=0.1"],
  ]);
});

Deno.test("an axis without values, or one given twice, is an error naming it", () => {
  assert.throws(() => parseGridAxis("train.gbdt.max_depth="), /--grid "train.gbdt.max_depth="/);
  assert.throws(() => parseGridAxis("4,6"), /--grid "4,6"/);
  assert.throws(
    () => gridProduct([parseGridAxis("a=1"), parseGridAxis("a=2")]),
    /param a has two --grid flags/,
  );
});
