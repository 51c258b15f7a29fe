import assert from "node:assert/strict";
import {
  featureStability,
  scoreStability,
  stabilityBand,
} from "../../../lib/evaluation/validation/stability.ts";

const reference = Float64Array.from({ length: 1000 }, (_, i) => i / 1000);

Deno.test("the score PSI of half the rows in each end decile is its hand-computed value", () => {
  const current = Float64Array.from(
    { length: 1000 },
    (_, i) => (i < 500 ? i / 5000 : 0.9 + i / 20000),
  );
  const { psi, band, bins } = scoreStability(reference, current);
  // two bins at 0.5 against 0.1, eight empty ones floored at 1e-4
  const expected = 2 * (0.5 - 0.1) * Math.log(5) + 8 * (1e-4 - 0.1) * Math.log(1e-4 / 0.1);
  assert.ok(Math.abs(psi - expected) < 1e-12, `${psi} vs ${expected}`);
  assert.equal(band, "major shift");
  assert.equal(bins.length, 10);
  assert.deepEqual(bins.map((b) => b.trainShare), new Array(10).fill(0.1));
});

Deno.test("PSI bands break at 0.1 and 0.25", () => {
  assert.deepEqual([0, 0.0999, 0.1, 0.2499, 0.25, 3].map(stabilityBand), [
    "stable",
    "stable",
    "some shift",
    "some shift",
    "major shift",
    "major shift",
  ]);
});

Deno.test("a categorical feature's CSI is the PSI over its levels; missing values are left out", () => {
  const spec = { name: "g", type: "categorical" as const, levels: ["a", "b"] };
  const train = { features: [spec], columns: [Float64Array.of(0, 0, 1, 1)], rows: 4 };
  const test = { features: [spec], columns: [Float64Array.of(0, 0, 0, 1, NaN)], rows: 5 };
  const [row] = featureStability(train, test);
  const expected = (0.75 - 0.5) * Math.log(0.75 / 0.5) + (0.25 - 0.5) * Math.log(0.25 / 0.5);
  assert.ok(Math.abs(row.csi - expected) < 1e-12);
  assert.equal(row.testMissingRate, 0.2);
  assert.equal(row.trainMissingRate, 0);
  assert.equal(row.band, "major shift"); // 0.2747
});
