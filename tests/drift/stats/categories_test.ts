import assert from "node:assert/strict";
import { categoricalPsi, categoryCounts } from "../../../lib/drift/stats/categories.ts";

Deno.test("category counts skip missing and out-of-range codes", () => {
  assert.deepEqual([...categoryCounts([0, 1, 1, NaN, 2, 5, -1], 3)], [1, 2, 1]);
});

Deno.test("categorical PSI matches the hand-computed sum over levels", () => {
  // r = (0.5, 0.5), c = (0.8, 0.2): 0.3·ln 1.6 + (−0.3)·ln 0.4.
  const result = categoricalPsi([50, 50], [80, 20], ["F", "M"]);
  const expected = 0.3 * Math.log(1.6) - 0.3 * Math.log(0.4);
  assert.ok(Math.abs(result.value - expected) < 1e-12);
  assert.deepEqual(result.bins.map((b) => b.label), ["F", "M"]);
});
