import assert from "node:assert/strict";
import {
  compareChallenger,
  type PairedRow,
  shadowPairs,
} from "../../../lib/drift/challenger/mod.ts";
import { createRng } from "../../../lib/random/mod.ts";

const N = 400;
const WINDOW = { source: "window.parquet" };
const AT = "2026-12-01T00:00:00.000Z";

function tierOf(score: number): string {
  return score < 0.2 ? "low" : score < 0.5 ? "medium" : "high";
}

/** N champion scores in [0, 0.85), seeded, with latencies 1..N ms. */
function championScores(): number[] {
  const rng = createRng(15);
  return Array.from({ length: N }, () => rng.float() * 0.85);
}

/** Both rows of every pair: the challenger scores `challenger(score)`. */
function plantedRows(challenger: (score: number) => number): PairedRow[] {
  return championScores().flatMap((score, i): PairedRow[] => {
    const shadowScore = challenger(score);
    return [
      {
        pairId: `p${i}`,
        shadow: false,
        modelVersion: "v0001",
        score,
        tier: tierOf(score),
        latencyMs: i + 1,
      },
      {
        pairId: `p${i}`,
        shadow: true,
        modelVersion: "v0002",
        score: shadowScore,
        tier: tierOf(shadowScore),
        latencyMs: 2 * (i + 1),
      },
    ];
  });
}

/** PSI on the champion's deciles, written out independently of lib/drift/stats. */
function decilePsi(reference: number[], current: number[]): number {
  const sorted = [...reference].sort((a, b) => a - b);
  const edges: number[] = [];
  for (let b = 1; b < 10; b++) edges.push(sorted[Math.floor((b * sorted.length) / 10)]);
  const shares = (values: number[]) => {
    const counts = new Array(10).fill(0);
    for (const v of values) counts[edges.filter((e) => v >= e).length]++;
    return counts.map((c) => Math.max(c / values.length, 1e-4));
  };
  const r = shares(reference);
  const c = shares(current);
  return r.reduce((sum, rb, b) => sum + (c[b] - rb) * Math.log(c[b] / rb), 0);
}

Deno.test("an identical challenger agrees on every tier, with PSI 0 and correlation 1", () => {
  const report = compareChallenger(shadowPairs(plantedRows((s) => s)), WINDOW, AT);
  assert.equal(report.pairs, N);
  assert.deepEqual(report.unpaired, { champion: 0, challenger: 0 });
  const [c] = report.comparisons;
  assert.deepEqual([c.champion, c.challenger, c.pairs], ["v0001", "v0002", N]);
  assert.equal(c.tiers.agreement, 1);
  assert.deepEqual(c.tiers.labels, ["low", "medium", "high"]);
  const counts = ["low", "medium", "high"].map((t) =>
    championScores().filter((s) => tierOf(s) === t).length
  );
  assert.deepEqual(c.tiers.matrix, [
    [counts[0], 0, 0],
    [0, counts[1], 0],
    [0, 0, counts[2]],
  ]);
  assert.equal(c.psi.value, 0);
  assert.ok(Math.abs(c.correlation.pearson! - 1) < 1e-12);
  assert.equal(c.correlation.spearman, 1);
  assert.deepEqual(c.scoreDifference, { mean: 0, max: 0 });
});

Deno.test("a challenger shifted by 0.1 disagrees where the shift crosses a tier edge", () => {
  const champion = championScores();
  const shifted = champion.map((s) => s + 0.1);
  const report = compareChallenger(shadowPairs(plantedRows((s) => s + 0.1)), WINDOW, AT);
  const [c] = report.comparisons;
  // Independently: the tier of each side, the matrix, the diagonal.
  const labels = ["low", "medium", "high"];
  const matrix = labels.map(() => labels.map(() => 0));
  champion.forEach((s, i) => {
    matrix[labels.indexOf(tierOf(s))][labels.indexOf(tierOf(shifted[i]))]++;
  });
  const same = champion.filter((s, i) => tierOf(s) === tierOf(shifted[i])).length;
  assert.deepEqual(c.tiers.matrix, matrix);
  assert.equal(c.tiers.agreement, same / N);
  // Scores in [0.1, 0.2) and [0.4, 0.5) move up a tier: about 0.2 / 0.85 of the pairs.
  assert.ok(c.tiers.agreement > 0.7 && c.tiers.agreement < 0.8, `${c.tiers.agreement}`);
  assert.equal(matrix[1][0] + matrix[2][0] + matrix[2][1], 0);
  // A shift keeps order and linearity; no ties among seeded floats.
  assert.ok(Math.abs(c.correlation.pearson! - 1) < 1e-12);
  assert.equal(c.correlation.spearman, 1);
  assert.ok(Math.abs(c.psi.value - decilePsi(champion, shifted)) < 1e-12);
  assert.ok(c.psi.value > 0.25, `PSI ${c.psi.value}`);
  assert.ok(Math.abs(c.scoreDifference.mean - 0.1) < 1e-12);
  assert.ok(Math.abs(c.scoreDifference.max - 0.1) < 1e-12);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  assert.ok(Math.abs(c.meanScore.challenger - c.meanScore.champion - 0.1) < 1e-12);
  assert.ok(Math.abs(c.meanScore.champion - mean(champion)) < 1e-12);
});

Deno.test("a reversed challenger ranks applicants the other way round", () => {
  const champion = championScores();
  const report = compareChallenger(shadowPairs(plantedRows((s) => 0.85 - s)), WINDOW, AT);
  const [c] = report.comparisons;
  assert.ok(Math.abs(c.correlation.pearson! + 1) < 1e-12);
  assert.equal(c.correlation.spearman, -1);
  // Spearman by its textbook formula (no ties): 1 − 6 Σ d² / (n (n² − 1)).
  const rank = (xs: number[]) => {
    const order = [...xs.keys()].sort((i, j) => xs[i] - xs[j]);
    const r = new Array(xs.length);
    order.forEach((i, k) => r[i] = k + 1);
    return r;
  };
  const a = rank(champion);
  const b = rank(champion.map((s) => 0.85 - s));
  const d2 = a.reduce((sum, ra, i) => sum + (ra - b[i]) ** 2, 0);
  assert.equal(1 - (6 * d2) / (N * (N * N - 1)), c.correlation.spearman);
});

Deno.test("latency percentiles are each version's own, by linear interpolation", () => {
  const [c] = compareChallenger(shadowPairs(plantedRows((s) => s)), WINDOW, AT).comparisons;
  // Champion 1..400 ms: the q quantile is 1 + 399 q.
  const champion = c.latencyMs.champion!;
  assert.deepEqual([champion.rows, champion.p50], [N, 200.5]);
  assert.ok(Math.abs(champion.p95 - 380.05) < 1e-9 && Math.abs(champion.p99 - 396.01) < 1e-9);
  const challenger = c.latencyMs.challenger!;
  assert.equal(challenger.p50, 401);
  assert.ok(Math.abs(challenger.p99 - 792.02) < 1e-9);
  const unlogged = plantedRows((s) => s).map((r) => ({ ...r, latencyMs: NaN }));
  const [none] = compareChallenger(shadowPairs(unlogged), WINDOW, AT).comparisons;
  assert.deepEqual(none.latencyMs, { champion: null, challenger: null });
});

Deno.test("rows without a partner are counted, and each pair of versions is compared apart", () => {
  const row = { score: 0.1, tier: "low", latencyMs: 1 };
  const pairs = shadowPairs([
    { ...row, pairId: "a", shadow: false, modelVersion: "v0001" },
    { ...row, pairId: "a", shadow: true, modelVersion: "v0002" },
    { ...row, pairId: "b", shadow: false, modelVersion: "v0003" },
    { ...row, pairId: "b", shadow: true, modelVersion: "v0002" },
    { ...row, pairId: "c", shadow: false, modelVersion: "v0003" },
    { ...row, pairId: "c", shadow: true, modelVersion: "v0002" },
    { ...row, pairId: "lonely-answer", shadow: false, modelVersion: "v0001" },
    { ...row, pairId: "lonely-shadow", shadow: true, modelVersion: "v0002" },
  ]);
  assert.deepEqual(pairs.unpaired, { champion: 1, challenger: 1 });
  assert.deepEqual(
    pairs.groups.map((g) => [g.champion.version, g.challenger.version, g.pairIds]),
    [["v0003", "v0002", ["b", "c"]], ["v0001", "v0002", ["a"]]],
  );
  const report = compareChallenger(pairs, WINDOW, AT);
  assert.equal(report.pairs, 3);
  // One pair: correlation is undefined, not a number made up.
  assert.deepEqual(report.comparisons[1].correlation, { pearson: null, spearman: null });
});

Deno.test("a window without pairs compares nothing", () => {
  const report = compareChallenger(shadowPairs([]), WINDOW, AT);
  assert.deepEqual(report, {
    generatedAt: AT,
    window: WINDOW,
    pairs: 0,
    unpaired: { champion: 0, challenger: 0 },
    comparisons: [],
  });
});
