import assert from "node:assert/strict";
import { chiSquareSurvival, chiSquareTest } from "../../../lib/drift/stats/chi_square.ts";

Deno.test("chi-square statistic matches the hand-computed 2 × 2 table", () => {
  // Expected 15 in every cell: 4 · (5² / 15) = 20/3.
  const result = chiSquareTest([10, 20], [20, 10]);
  assert.ok(Math.abs(result.statistic - 20 / 3) < 1e-12);
  assert.equal(result.degreesOfFreedom, 1);
  assert.ok(Math.abs(result.pValue - 0.009823274507519235) < 1e-10);
});

Deno.test("chi-square on a 2 × 3 table gives 20 on two degrees of freedom, p = e^−10", () => {
  // Expected 20 per cell; (10² + 0 + 10²) / 20 per row = 10, twice.
  const result = chiSquareTest([10, 20, 30], [30, 20, 10]);
  assert.ok(Math.abs(result.statistic - 20) < 1e-12);
  assert.equal(result.degreesOfFreedom, 2);
  assert.ok(Math.abs(result.pValue - Math.exp(-10)) < 1e-15);
});

Deno.test("categories empty in both samples do not count as degrees of freedom", () => {
  assert.equal(chiSquareTest([10, 0, 20], [20, 0, 10]).degreesOfFreedom, 1);
});

Deno.test("chi-square survival matches scipy at odd and even degrees of freedom", () => {
  assert.ok(Math.abs(chiSquareSurvival(3.84, 1) - 0.05004352124870519) < 1e-10);
  assert.ok(Math.abs(chiSquareSurvival(10, 5) - 0.07523524614651217) < 1e-10);
});

Deno.test("chi-square is undefined when one sample is empty", () => {
  assert.ok(Number.isNaN(chiSquareTest([1, 2], [0, 0]).pValue));
});
