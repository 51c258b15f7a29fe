import assert from "node:assert/strict";
import { kolmogorovSurvival, ksTest } from "../../../lib/drift/stats/ks.ts";

Deno.test("KS statistic is the largest gap between the two empirical CDFs", () => {
  // After 2: F_ref = 2/4, F_cur = 0 → gap 0.5; no later gap is larger.
  assert.equal(ksTest([1, 2, 3, 4], [3, 4, 5, 6]).statistic, 0.5);
});

Deno.test("KS p-value follows the Kolmogorov distribution with Stephens' correction", () => {
  // en = √(4·4/8) = √2; λ = (en + 0.12 + 0.11/en) · 0.5; scipy.special.kolmogorov(λ).
  assert.ok(Math.abs(ksTest([1, 2, 3, 4], [3, 4, 5, 6]).pValue - 0.5344157192165071) < 1e-9);
});

Deno.test("KS survival function matches known Kolmogorov tail values", () => {
  assert.ok(Math.abs(kolmogorovSurvival(1) - 0.26999967167735456) < 1e-12);
  assert.ok(Math.abs(kolmogorovSurvival(0.5) - 0.9639452436648751) < 1e-9);
});

Deno.test("KS ties move both CDFs together, so identical samples give zero", () => {
  const result = ksTest([1, 1, 2, 2, 3], [1, 1, 2, 2, 3]);
  assert.equal(result.statistic, 0);
  assert.equal(result.pValue, 1);
});

Deno.test("KS leaves missing values out of both samples", () => {
  const result = ksTest([1, NaN, 2], [NaN, 1, 2, NaN]);
  assert.deepEqual([result.statistic, result.referenceCount, result.currentCount], [0, 2, 2]);
});
