import assert from "node:assert/strict";
import { gainsTable } from "../../../lib/model/metrics/mod.ts";

const scores = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];
const labels = [1, 1, 0, 1, 0, 0, 0, 0, 0, 0];

function near(actual: number[], expected: number[]): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((value, i) => assert.ok(Math.abs(value - expected[i]) < 1e-12, `${actual}`));
}

Deno.test("gains table cuts ranked rows into equal groups, highest scores first", () => {
  const table = gainsTable(scores, labels, 5);
  assert.deepEqual(table.map((row) => [row.group, row.count, row.positives]), [
    [1, 2, 2],
    [2, 2, 1],
    [3, 2, 0],
    [4, 2, 0],
    [5, 2, 0],
  ]);
  assert.deepEqual(table.map((row) => [row.maxScore, row.minScore]), [
    [10, 9],
    [8, 7],
    [6, 5],
    [4, 3],
    [2, 1],
  ]);
});

Deno.test("gains table reports cumulative capture and lift against the base rate", () => {
  const table = gainsTable(scores, labels, 5);
  near(table.map((row) => row.cumulativeCapture), [2 / 3, 1, 1, 1, 1]);
  near(table.map((row) => row.lift), [1 / 0.3, 0.5 / 0.3, 0, 0, 0]);
  near(table.map((row) => row.cumulativeLift), [1 / 0.3, 0.75 / 0.3, 0.5 / 0.3, 0.375 / 0.3, 1]);
});

Deno.test("gains table defaults to deciles that differ in size by at most one row", () => {
  const many = Array.from({ length: 23 }, (_, i) => i);
  const table = gainsTable(many, many.map((i) => i % 2), 10);
  assert.equal(table.length, 10);
  assert.equal(table.reduce((sum, row) => sum + row.count, 0), 23);
  assert.ok(table.every((row) => row.count === 2 || row.count === 3));
});
