/**
 * The champion/challenger comparison over a window of shadow pairs: how often the two
 * versions put an applicant in the same tier (the confusion matrix and its diagonal),
 * how closely their scores move together (Pearson, Spearman), how far apart the two score
 * distributions are (PSI of the challenger's scores against the champion's, on the
 * champion's quantile bins), the absolute score differences, and each version's logged
 * scoring latency. Pure: the window's rows come in, challenger.json's body goes out.
 */
import { quantileOfSorted } from "../../model/outlier/mahalanobis.ts";
import { pearson, psi, type PsiBin, spearman } from "../stats/mod.ts";
import type { PairSide, ShadowPairs, VersionPairs } from "./pairs.ts";

/** Latency percentiles of one version's rows in the pairs (ms); null without logged latency. */
export interface LatencySummary {
  /** Rows with a logged latency. */
  rows: number;
  p50: number;
  p95: number;
  p99: number;
}

/** The comparison of one champion version with one challenger version. */
export interface ChallengerComparison {
  champion: string;
  challenger: string;
  pairs: number;
  tiers: {
    /** Tier labels in score order (by the lowest score seen in each). */
    labels: string[];
    /** matrix[i][j]: pairs the champion put in labels[i] and the challenger in labels[j]. */
    matrix: number[][];
    /** Share of pairs on the diagonal (both versions gave the same tier). */
    agreement: number;
  };
  /** Correlation of the paired scores; null when undefined (a constant side, < 2 pairs). */
  correlation: { pearson: number | null; spearman: number | null };
  /** PSI of the challenger's scores against the champion's (the champion's quantile bins). */
  psi: { value: number; bins: PsiBin[] };
  /** |challenger − champion| over the pairs. */
  scoreDifference: { mean: number; max: number };
  meanScore: { champion: number; challenger: number };
  latencyMs: { champion: LatencySummary | null; challenger: LatencySummary | null };
}

/** challenger.json: every version pair's comparison, most pairs first. */
export interface ChallengerReport {
  generatedAt: string;
  window: { source: string; from?: string; to?: string };
  /** Pairs compared in all. */
  pairs: number;
  /** Rows whose partner is not in the window (refused, dropped, or cut by the window). */
  unpaired: { champion: number; challenger: number };
  comparisons: ChallengerComparison[];
}

/**
 * Compares the champion and challenger rows of a window's pairs.
 * @example
 * ```ts
 * import { compareChallenger } from "./compare.ts";
 * import { shadowPairs } from "./pairs.ts";
 * const rows = [0.1, 0.5, 0.9].flatMap((score, i) => [false, true].map((shadow) => ({
 *   pairId: `r${i}`, shadow, modelVersion: shadow ? "v0002" : "v0001", score,
 *   tier: score < 0.5 ? "low" : "high", latencyMs: 1,
 * })));
 * const window = { source: "window.parquet" };
 * const report = compareChallenger(shadowPairs(rows), window, "2026-12-01T00:00:00Z");
 * if (report.comparisons[0].tiers.agreement !== 1) throw new Error("identical versions agree");
 * ```
 */
export function compareChallenger(
  { groups, unpaired }: ShadowPairs,
  window: ChallengerReport["window"],
  generatedAt: string,
): ChallengerReport {
  const comparisons = groups.map(compareVersions);
  return {
    generatedAt,
    window,
    pairs: comparisons.reduce((sum, c) => sum + c.pairs, 0),
    unpaired,
    comparisons,
  };
}

/** The figures of one group of pairs. */
export function compareVersions(group: VersionPairs): ChallengerComparison {
  const { champion, challenger } = group;
  const n = group.pairIds.length;
  let sum = 0;
  let max = 0;
  for (let k = 0; k < n; k++) {
    const d = Math.abs(challenger.scores[k] - champion.scores[k]);
    sum += d;
    if (d > max) max = d;
  }
  const shift = psi(champion.scores, challenger.scores);
  return {
    champion: champion.version,
    challenger: challenger.version,
    pairs: n,
    tiers: tierAgreement(champion, challenger),
    correlation: {
      pearson: finiteOrNull(pearson(champion.scores, challenger.scores)),
      spearman: finiteOrNull(spearman(champion.scores, challenger.scores)),
    },
    psi: { value: shift.value, bins: shift.bins },
    scoreDifference: { mean: n === 0 ? 0 : sum / n, max },
    meanScore: { champion: mean(champion.scores), challenger: mean(challenger.scores) },
    latencyMs: { champion: latencySummary(champion), challenger: latencySummary(challenger) },
  };
}

function tierAgreement(champion: PairSide, challenger: PairSide): ChallengerComparison["tiers"] {
  const lowest = new Map<string, number>();
  for (const side of [champion, challenger]) {
    side.tiers.forEach((tier, k) => {
      const score = side.scores[k];
      lowest.set(tier, Math.min(lowest.get(tier) ?? Infinity, score));
    });
  }
  const labels = [...lowest.keys()].sort((a, b) =>
    lowest.get(a)! - lowest.get(b)! || a.localeCompare(b)
  );
  const at = new Map(labels.map((label, i) => [label, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  let same = 0;
  champion.tiers.forEach((tier, k) => {
    const i = at.get(tier)!;
    const j = at.get(challenger.tiers[k])!;
    matrix[i][j]++;
    if (i === j) same++;
  });
  const n = champion.tiers.length;
  return { labels, matrix, agreement: n === 0 ? 0 : same / n };
}

function latencySummary(side: PairSide): LatencySummary | null {
  const sorted = side.latencyMs.filter(Number.isFinite).sort();
  if (sorted.length === 0) return null;
  return {
    rows: sorted.length,
    p50: quantileOfSorted(sorted, 0.5),
    p95: quantileOfSorted(sorted, 0.95),
    p99: quantileOfSorted(sorted, 0.99),
  };
}

function mean(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length === 0 ? NaN : sum / values.length;
}

function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
