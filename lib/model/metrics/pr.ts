/** Precision–recall curve and average precision. */
import { type ThresholdCounts, thresholdCounts } from "./counts.ts";
import type { Labels, Scores } from "./inputs.ts";

/** Points of the PR curve, starting at recall 0, precision 1 with an infinite threshold. */
export interface PrCurve {
  precision: Float64Array;
  recall: Float64Array;
  thresholds: Float64Array;
}

/**
 * Area under the precision–recall curve as average precision, the step-wise sum
 * Σ (Rₖ − Rₖ₋₁)·Pₖ over distinct thresholds (sklearn's `average_precision_score`).
 * @example
 * ```ts
 * import { prAuc } from "./pr.ts";
 * const auc = prAuc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]);
 * if (Math.abs(auc - 5 / 6) > 1e-9) throw new Error(`expected 0.8333, got ${auc}`);
 * ```
 */
export function prAuc(scores: Scores, labels: Labels): number {
  return averagePrecisionFromCounts(thresholdCounts("PR AUC", scores, labels));
}

/** Average precision from precomputed threshold counts. */
export function averagePrecisionFromCounts(counts: ThresholdCounts): number {
  const { tps, fps, positives } = counts;
  let sum = 0;
  let prevTp = 0;
  for (let k = 0; k < tps.length; k++) {
    sum += ((tps[k] - prevTp) / positives) * (tps[k] / (tps[k] + fps[k]));
    prevTp = tps[k];
  }
  return sum;
}

/** PR curve with one point per distinct score, descending thresholds. */
export function prCurve(scores: Scores, labels: Labels): PrCurve {
  const { thresholds, tps, fps, positives } = thresholdCounts("PR curve", scores, labels);
  const n = thresholds.length + 1;
  const curve: PrCurve = {
    precision: new Float64Array(n),
    recall: new Float64Array(n),
    thresholds: new Float64Array(n),
  };
  curve.precision[0] = 1;
  curve.thresholds[0] = Infinity;
  for (let k = 0; k < thresholds.length; k++) {
    curve.precision[k + 1] = tps[k] / (tps[k] + fps[k]);
    curve.recall[k + 1] = tps[k] / positives;
    curve.thresholds[k + 1] = thresholds[k];
  }
  return curve;
}
