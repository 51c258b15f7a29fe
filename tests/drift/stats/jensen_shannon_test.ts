import assert from "node:assert/strict";
import {
  jensenShannonDistance,
  jensenShannonDivergence,
} from "../../../lib/drift/stats/jensen_shannon.ts";

Deno.test("disjoint distributions are one bit apart", () => {
  assert.equal(jensenShannonDistance([1, 0], [0, 1]), 1);
});

Deno.test("identical distributions have zero JS distance, counts normalised first", () => {
  assert.equal(jensenShannonDistance([5, 5], [50, 50]), 0);
});

Deno.test("JS divergence matches the hand-computed value", () => {
  // m = (0.75, 0.25): ½·log2(4/3) + ½·(½·log2(2/3) + ½·log2(2)) = 0.311278…
  const expected = 0.5 * Math.log2(4 / 3) + 0.5 * (0.5 * Math.log2(2 / 3) + 0.5);
  assert.ok(Math.abs(jensenShannonDivergence([1, 0], [0.5, 0.5]) - expected) < 1e-15);
  assert.ok(Math.abs(expected - 0.3112781244591328) < 1e-15);
});
