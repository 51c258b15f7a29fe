import assert from "node:assert/strict";
import { calibrationTable, expectedCalibrationError } from "../../../lib/model/metrics/mod.ts";

const probabilities = [0.05, 0.15, 0.12, 0.95, 0.91];
const labels = [0, 1, 0, 1, 1];

function near(actual: number, expected: number): void {
  assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} is not ${expected}`);
}

Deno.test("equal-width calibration bins report count, mean prediction and observed rate", () => {
  const table = calibrationTable(probabilities, labels, 10);
  assert.deepEqual(table.map((bin) => bin.count), [1, 2, 2]);
  assert.deepEqual(table.map((bin) => bin.lower), [0, 0.1, 0.9]);
  near(table[1].meanPredicted, 0.135);
  near(table[2].meanPredicted, 0.93);
  assert.deepEqual(table.map((bin) => bin.observedRate), [0, 0.5, 1]);
});

Deno.test("a probability on a bin edge falls in the upper bin, and 1 in the last", () => {
  const table = calibrationTable([0.1, 1, 0.5], [0, 1, 1], 10);
  assert.deepEqual(table.map((bin) => [bin.lower, bin.count]), [[0.1, 1], [0.5, 1], [0.9, 1]]);
});

Deno.test("quantile calibration bins split the scores at their quantiles", () => {
  const table = calibrationTable([0.1, 0.2, 0.3, 0.4], [0, 0, 1, 1], 2, "quantile");
  assert.deepEqual(table.map((bin) => [bin.lower, bin.upper, bin.count]), [
    [0.1, 0.25, 2],
    [0.25, 0.4, 2],
  ]);
  assert.deepEqual(table.map((bin) => bin.observedRate), [0, 1]);
});

Deno.test("expected calibration error is the count-weighted gap over bins", () => {
  // (1·0.05 + 2·0.365 + 2·0.07) / 5
  near(expectedCalibrationError(probabilities, labels, 10), 0.184);
});

Deno.test("calibration table refuses a bin count below one", () => {
  assert.throws(() => calibrationTable(probabilities, labels, 0), {
    message: "Cannot compute calibration table: bins is 0, expected >= 1",
  });
});
