import assert from "node:assert/strict";
import {
  featureDrift,
  featureDriftFromSummary,
  ksAgainstCdf,
  ksTest,
  psi,
  psiOnBins,
  summariseCategorical,
  summariseNumeric,
} from "../../../lib/drift/stats/mod.ts";

/** A seeded sample: mostly continuous values, some repeats, some missing. */
function sample(seed: number, n: number, shift = 0): Float64Array {
  let state = seed >>> 0;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return Float64Array.from({ length: n }, () => {
    const u = next();
    if (u < 0.05) return NaN;
    if (u < 0.15) return 0;
    return Math.round((next() + shift) * 1e6) / 1e3;
  });
}

Deno.test("a numeric summary counts rows, missing values and each bin as psi does", () => {
  const values = sample(1, 5000);
  const summary = summariseNumeric(values, 10);
  assert.equal(summary.rows, 5000);
  assert.equal(summary.missing, values.filter((v) => !Number.isFinite(v)).length);
  assert.equal(summary.binCounts.reduce((s, c) => s + c, 0), 5000 - summary.missing);
  const current = sample(2, 700, 0.2);
  const direct = psi(values, current, { bins: 10 });
  const counted = psiOnBins(summary.edges, summary.binCounts, [...binsOf(current, summary.edges)]);
  assert.deepEqual(counted, direct);
});

Deno.test("KS against a CDF of every distinct value equals the two-sample KS exactly", () => {
  const reference = sample(3, 4000);
  const summary = summariseNumeric(reference, 10);
  assert.equal(summary.ksBound, 0);
  for (const shift of [0, 0.05, 0.5]) {
    const current = sample(4, 900, shift);
    assert.deepEqual(ksAgainstCdf(summary, current), ksTest(reference, current));
  }
});

Deno.test("KS against a capped CDF is within the stored bound of the exact statistic", () => {
  const reference = sample(5, 20_000);
  for (const points of [16, 100, 2048]) {
    const summary = summariseNumeric(reference, 10, points);
    assert.ok(summary.cdfValues.length <= points, `${summary.cdfValues.length} points`);
    const finite = summary.rows - summary.missing;
    // At most ⌈n / points⌉ values fall strictly between two kept points.
    assert.ok(summary.ksBound > 0 && summary.ksBound <= Math.ceil(finite / points) / finite);
    assert.equal(summary.cdfCounts[summary.cdfCounts.length - 1], finite);
    for (const shift of [0, 0.01, 0.3]) {
      const current = sample(6, 3000, shift);
      const exact = ksTest(reference, current);
      const sketched = ksAgainstCdf(summary, current);
      assert.equal(sketched.statisticBound, summary.ksBound);
      assert.equal(sketched.referenceCount, exact.referenceCount);
      assert.ok(
        Math.abs(sketched.statistic - exact.statistic) <= summary.ksBound + 1e-12,
        `points ${points}, shift ${shift}: ${sketched.statistic} vs ${exact.statistic}`,
      );
    }
  }
});

Deno.test("a capped CDF's bound is the largest count strictly between kept points", () => {
  // 10 distinct values, 4 points: ranks 3, 5, 8, 10 of 10 are kept.
  const summary = summariseNumeric(Float64Array.from({ length: 10 }, (_, i) => i + 1), 10, 4);
  assert.deepEqual([...summary.cdfValues], [3, 5, 8, 10]);
  assert.deepEqual([...summary.cdfCounts], [3, 5, 8, 10]);
  assert.equal(summary.ksBound, 0.2);
});

Deno.test("feature drift from a full summary equals feature drift from the values", () => {
  const reference = sample(7, 3000);
  const current = sample(8, 800, 0.1);
  const spec = { name: "x", type: "numeric" } as const;
  assert.deepEqual(
    featureDriftFromSummary(spec, summariseNumeric(reference, 10), current),
    featureDrift(spec, reference, current),
  );
  const codes = Float64Array.from(reference, (v) => Number.isNaN(v) ? NaN : Math.floor(v) % 3);
  const cat = { name: "c", type: "categorical" as const, levels: ["a", "b", "c"] };
  const shifted = Float64Array.from(current, (v) => Number.isNaN(v) ? NaN : Math.floor(v * 2) % 3);
  assert.deepEqual(
    featureDriftFromSummary(cat, summariseCategorical(codes, 3), shifted),
    featureDrift(cat, codes, shifted),
  );
});

Deno.test("a summary cut for other bins, or of another kind, is refused by name", () => {
  const spec = { name: "x", type: "numeric" } as const;
  const values = sample(9, 100);
  assert.throws(
    () =>
      featureDriftFromSummary(spec, summariseNumeric(values, 20), values, {
        ...featureDriftDefaults(),
      }),
    {
      name: "RangeError",
      message: 'Cannot compare "x": its reference has edges for 20 bins, drift.bins is 10',
    },
  );
  assert.throws(
    () => featureDriftFromSummary(spec, summariseCategorical(values, 2), values),
    {
      name: "RangeError",
      message: 'Cannot compare "x": a numeric feature with a categorical reference',
    },
  );
});

function featureDriftDefaults() {
  return {
    psi_warn: 0.1,
    psi_alert: 0.25,
    missing_warn: 0.05,
    missing_alert: 0.2,
    min_rows: 100,
    dataset_share: 0.5,
    bins: 10,
  };
}

function binsOf(values: Float64Array, edges: number[]): number[] {
  const counts = new Array(edges.length + 1).fill(0);
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    let b = 0;
    while (b < edges.length && v >= edges[b]) b++;
    counts[b]++;
  }
  return counts;
}
