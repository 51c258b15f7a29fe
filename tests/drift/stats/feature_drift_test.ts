import assert from "node:assert/strict";
import { featureDrift } from "../../../lib/drift/stats/feature_drift.ts";
import { DriftThresholds } from "../../../lib/drift/stats/thresholds.ts";

const thresholds = DriftThresholds.parse({ min_rows: 4, bins: 4 });
const numeric = { name: "x", type: "numeric" as const };

Deno.test("an unchanged numeric feature is ok with PSI and KS of zero", () => {
  const values = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
  const drift = featureDrift(numeric, values, values, thresholds);
  assert.deepEqual([drift.status, drift.psi, drift.ks?.statistic], ["ok", 0, 0]);
});

Deno.test("a shifted numeric feature is an alert with its PSI named", () => {
  const reference = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
  const current = Float64Array.from([11, 12, 13, 14, 15, 16, 17, 18]);
  const drift = featureDrift(numeric, reference, current, thresholds);
  assert.equal(drift.status, "alert");
  assert.equal(drift.drifted, true);
  assert.match(drift.reasons[0], /^PSI \d+\.\d{3} ≥ 0\.25$/);
});

Deno.test("PSI between the warn and alert thresholds gives warn", () => {
  // Shares 2/8 each vs 3/8, 2/8, 2/8, 1/8: PSI = 0.125·ln 1.5 + (−0.125)·ln 0.5 ≈ 0.137.
  const reference = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
  const current = Float64Array.from([1, 1, 2, 3, 4, 5, 6, 7]);
  const drift = featureDrift(numeric, reference, current, thresholds);
  assert.ok(Math.abs(drift.psi - (0.125 * Math.log(1.5) - 0.125 * Math.log(0.5))) < 1e-12);
  assert.equal(drift.status, "warn");
  assert.equal(drift.drifted, false);
});

Deno.test("a window below min_rows is flagged small-window, not judged", () => {
  const reference = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
  const drift = featureDrift(numeric, reference, Float64Array.from([50, 60, 70]), thresholds);
  assert.equal(drift.status, "small-window");
  assert.equal(drift.drifted, false);
  assert.deepEqual(drift.reasons, ["3 rows < min_rows 4"]);
});

Deno.test("a missing-rate jump alone raises an alert", () => {
  const reference = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
  const current = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, NaN, NaN, NaN, NaN]);
  const drift = featureDrift(numeric, reference, current, thresholds);
  assert.equal(drift.status, "alert");
  assert.deepEqual(drift.reasons, ["missing rate 0.0% → 33.3%"]);
});

Deno.test("a categorical feature gets chi-square and Jensen–Shannon, not KS", () => {
  const spec = { name: "g", type: "categorical" as const, levels: ["F", "M"] };
  const reference = Float64Array.from([0, 0, 1, 1]);
  const current = Float64Array.from([0, 0, 0, 0]);
  const drift = featureDrift(spec, reference, current, thresholds);
  assert.equal(drift.ks, undefined);
  assert.equal(drift.chiSquare?.degreesOfFreedom, 1);
  // p = (½, ½), q = (1, 0): the same JS divergence as (1, 0) against (½, ½).
  const divergence = 0.5 * Math.log2(4 / 3) + 0.5 * (0.5 * Math.log2(2 / 3) + 0.5);
  assert.ok(Math.abs((drift.jensenShannon ?? NaN) - Math.sqrt(divergence)) < 1e-12);
  assert.equal(drift.status, "alert");
});

Deno.test("an empty window is small-window with no PSI to show", () => {
  const reference = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
  const drift = featureDrift(numeric, reference, new Float64Array(0), thresholds);
  assert.equal(drift.status, "small-window");
  assert.ok(Number.isNaN(drift.psi));
});
