import assert from "node:assert/strict";
import fc from "fast-check";
import {
  countedLevelRateAuc,
  countedSeparationAuc,
  MAX_COUNTED_VALUES,
} from "../../lib/split/counted_auc.ts";
import { levelRateScores, sortedSeparationAuc } from "../../lib/split/leakage.ts";

// Values a real column holds: flags, small counts, codes, −0, fractions, negatives, NaN.
const value = fc.oneof(
  fc.integer({ min: 0, max: 12 }),
  fc.constantFrom(-0, 0.5, -3, 1e9, 4095, 4096, -1e-300, NaN),
  fc.double({ min: -5, max: 5, noNaN: true }),
);
const column = fc.array(fc.tuple(value, fc.constantFrom(0, 1)), { minLength: 0, maxLength: 300 });

function split(rows: [number, number][]): [Float64Array, Float64Array] {
  return [Float64Array.from(rows, (r) => r[0]), Float64Array.from(rows, (r) => r[1])];
}

Deno.test("counting gives the sorting path's AUC bit for bit, ties, −0 and NaN included", () => {
  fc.assert(
    fc.property(column, (rows) => {
      const [values, labels] = split(rows);
      assert.deepEqual(countedSeparationAuc(values, labels), sortedSeparationAuc(values, labels));
    }),
    { seed: 18, numRuns: 500 },
  );
});

Deno.test("per-level counting gives the AUC of the level-rate scores bit for bit", () => {
  const codes = fc.array(
    fc.tuple(fc.oneof(fc.integer({ min: 0, max: 20 }), fc.constant(NaN)), fc.constantFrom(0, 1)),
    { maxLength: 300 },
  );
  fc.assert(
    fc.property(codes, (rows) => {
      const [values, labels] = split(rows);
      const want = sortedSeparationAuc(levelRateScores(values, labels), labels);
      assert.deepEqual(countedLevelRateAuc(values, labels), want);
    }),
    { seed: 19, numRuns: 500 },
  );
});

Deno.test("a column wider than the bound is left to sorting; one at the bound is counted", () => {
  const labels = Float64Array.from({ length: MAX_COUNTED_VALUES + 1 }, (_, i) => i % 2);
  const wide = Float64Array.from(labels, (_, i) => i * 0.25);
  assert.equal(countedSeparationAuc(wide, labels), undefined);
  const atBound = wide.subarray(0, MAX_COUNTED_VALUES);
  const labelsAtBound = labels.subarray(0, MAX_COUNTED_VALUES);
  assert.deepEqual(
    countedSeparationAuc(atBound, labelsAtBound),
    sortedSeparationAuc(atBound, labelsAtBound),
  );
});

Deno.test("counting is null when a class has no non-missing row, as sorting is", () => {
  assert.equal(countedSeparationAuc(Float64Array.of(1, NaN, 2), Float64Array.of(0, 1, 0)), null);
  assert.equal(countedLevelRateAuc(Float64Array.of(3, 3), Float64Array.of(1, 1)), null);
});

Deno.test("levels are left to row scoring when a label is not 0 or 1", () => {
  assert.equal(countedLevelRateAuc(Float64Array.of(1, 2), Float64Array.of(0, 0.5)), undefined);
});
