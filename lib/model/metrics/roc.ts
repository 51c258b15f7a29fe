/** ROC curve, exact tie-aware ROC AUC and the Gini coefficient. */
import { type ThresholdCounts, thresholdCounts } from "./counts.ts";
import type { Labels, Scores } from "./inputs.ts";

/** Points of the ROC curve, starting at (0, 0) with an infinite threshold. */
export interface RocCurve {
  fpr: Float64Array;
  tpr: Float64Array;
  thresholds: Float64Array;
}

/**
 * Area under the ROC curve: the probability that a random positive outscores a random
 * negative, a tie counting one half (Mann–Whitney U / (P·N)), computed exactly.
 * @example
 * ```ts
 * import { rocAuc } from "./roc.ts";
 * const auc = rocAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]);
 * if (auc !== 0.75) throw new Error(`expected 0.75, got ${auc}`);
 * ```
 */
export function rocAuc(scores: Scores, labels: Labels): number {
  return aucFromCounts(thresholdCounts("ROC AUC", scores, labels));
}

/** ROC AUC from precomputed threshold counts. */
export function aucFromCounts(counts: ThresholdCounts): number {
  const { tps, fps, positives, negatives } = counts;
  // Sum of integer and half-integer pair counts, so exact until 2^52 pairs.
  let pairs = 0;
  let prevTp = 0;
  let prevFp = 0;
  for (let k = 0; k < tps.length; k++) {
    const newTp = tps[k] - prevTp;
    const newFp = fps[k] - prevFp;
    pairs += newFp * prevTp + (newFp * newTp) / 2;
    prevTp = tps[k];
    prevFp = fps[k];
  }
  return pairs / (positives * negatives);
}

/** Gini coefficient (accuracy ratio): 2·AUC − 1. */
export function gini(scores: Scores, labels: Labels): number {
  return 2 * rocAuc(scores, labels) - 1;
}

/** ROC curve with one point per distinct score, descending thresholds. */
export function rocCurve(scores: Scores, labels: Labels): RocCurve {
  const { thresholds, tps, fps, positives, negatives } = thresholdCounts(
    "ROC curve",
    scores,
    labels,
  );
  const n = thresholds.length + 1;
  const curve: RocCurve = {
    fpr: new Float64Array(n),
    tpr: new Float64Array(n),
    thresholds: new Float64Array(n),
  };
  curve.thresholds[0] = Infinity;
  for (let k = 0; k < thresholds.length; k++) {
    curve.fpr[k + 1] = fps[k] / negatives;
    curve.tpr[k + 1] = tps[k] / positives;
    curve.thresholds[k + 1] = thresholds[k];
  }
  return curve;
}
