import assert from "node:assert/strict";
import { psi, quantileEdges } from "../../../lib/drift/stats/psi.ts";

Deno.test("quantile edges split the reference into equal shares", () => {
  assert.deepEqual(quantileEdges([1, 2, 3, 4, 5, 6, 7, 8], 4), [3, 5, 7]);
});

Deno.test("quantile edges collapse repeated values", () => {
  assert.deepEqual(quantileEdges([0, 0, 0, 0, 0, 0, 1, 2], 4), [1]);
});

Deno.test("identical samples have a PSI of zero", () => {
  const sample = [1, 2, 3, 4, 5, 6, 7, 8];
  assert.equal(psi(sample, sample, { bins: 4 }).value, 0);
});

Deno.test("PSI matches the hand-computed sum over bins", () => {
  // Reference bins [<3, 3–5, 5–7, ≥7] hold 2/8 each; current: 4/8, 2/8, 1/8, 1/8.
  const reference = [1, 2, 3, 4, 5, 6, 7, 8];
  const current = [1, 1, 2, 2, 3, 4, 5, 7];
  const expected = (0.5 - 0.25) * Math.log(0.5 / 0.25) + 0 +
    2 * (0.125 - 0.25) * Math.log(0.125 / 0.25);
  const result = psi(reference, current, { bins: 4 });
  assert.ok(Math.abs(result.value - expected) < 1e-12);
  assert.deepEqual(result.bins.map((b) => b.currentShare), [0.5, 0.25, 0.125, 0.125]);
});

Deno.test("missing values are left out of both samples", () => {
  const a = psi([1, 2, 3, 4], [1, 2, 3, 4, NaN, NaN], { bins: 2 });
  assert.equal(a.value, 0);
});

Deno.test("an empty current bin contributes a finite term floored at epsilon", () => {
  const result = psi([1, 2, 3, 4], [1, 1, 1, 1], { bins: 2, epsilon: 1e-4 });
  const expected = (1 - 0.5) * Math.log(1 / 0.5) + (1e-4 - 0.5) * Math.log(1e-4 / 0.5);
  assert.ok(Math.abs(result.value - expected) < 1e-12);
});
