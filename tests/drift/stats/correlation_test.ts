import assert from "node:assert/strict";
import { averageRanks, pearson, spearman } from "../../../lib/drift/stats/mod.ts";

Deno.test("Pearson's r matches a hand computation", () => {
  // x̄ = 3, ȳ = 4; Σdxdy = 8, Σdx² = 10, Σdy² = 10 → r = 0.8
  assert.ok(Math.abs(pearson([1, 2, 3, 4, 5], [2, 4, 3, 6, 5]) - 0.8) < 1e-15);
  assert.equal(pearson([1, 2, 3], [3, 2, 1]), -1);
});

Deno.test("tied values take their average rank, as scipy.stats.rankdata does", () => {
  assert.deepEqual([...averageRanks([10, 20, 20, 5, 20])], [2, 4, 4, 1, 4]);
});

Deno.test("Spearman's rho is 1 for a monotone relation and matches scipy with ties", () => {
  assert.equal(spearman([1, 2, 3, 4], [1, 8, 27, 64]), 1);
  // scipy.stats.spearmanr([1, 2, 2, 3], [1, 3, 2, 4]).statistic = 0.9486832980505138
  assert.ok(Math.abs(spearman([1, 2, 2, 3], [1, 3, 2, 4]) - 0.9486832980505138) < 1e-12);
});

Deno.test("a constant side, too few pairs or non-finite values leave the coefficient undefined or out", () => {
  assert.ok(Number.isNaN(pearson([1, 1, 1], [1, 2, 3])));
  assert.ok(Number.isNaN(spearman([1], [2])));
  assert.equal(pearson([1, NaN, 2, 3], [2, 5, 4, 6]), 1);
  assert.throws(() => pearson([1, 2], [1]), /lengths 2 and 1 differ/);
});
