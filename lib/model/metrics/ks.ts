/** Kolmogorov–Smirnov separation between the score distributions of the two classes. */
import { type ThresholdCounts, thresholdCounts } from "./counts.ts";
import type { Labels, Scores } from "./inputs.ts";

/** The KS statistic and the threshold (score ≥ threshold is positive) where it peaks. */
export interface KsResult {
  statistic: number;
  threshold: number;
}

/** TPR and FPR per distinct threshold (descending) and their difference. */
export interface KsCurve {
  thresholds: Float64Array;
  tpr: Float64Array;
  fpr: Float64Array;
  difference: Float64Array;
}

/** TPR − FPR at every distinct score, descending thresholds. */
export function ksCurve(scores: Scores, labels: Labels): KsCurve {
  return ksCurveFromCounts(thresholdCounts("KS", scores, labels));
}

/** The KS curve from precomputed threshold counts. */
export function ksCurveFromCounts(counts: ThresholdCounts): KsCurve {
  const { thresholds, tps, fps, positives, negatives } = counts;
  const n = thresholds.length;
  const curve: KsCurve = {
    thresholds: thresholds,
    tpr: new Float64Array(n),
    fpr: new Float64Array(n),
    difference: new Float64Array(n),
  };
  for (let k = 0; k < n; k++) {
    curve.tpr[k] = tps[k] / positives;
    curve.fpr[k] = fps[k] / negatives;
    curve.difference[k] = curve.tpr[k] - curve.fpr[k];
  }
  return curve;
}

/**
 * Maximum of TPR − FPR over thresholds (the two-sample KS statistic when higher
 * scores mean higher risk); the first (highest) threshold wins a tie.
 * @example
 * ```ts
 * import { ks } from "./ks.ts";
 * const { statistic } = ks([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]);
 * if (statistic !== 0.5) throw new Error(`expected 0.5, got ${statistic}`);
 * ```
 */
export function ks(scores: Scores, labels: Labels): KsResult {
  return ksFromCounts(thresholdCounts("KS", scores, labels));
}

/** The KS statistic from precomputed threshold counts. */
export function ksFromCounts(counts: ThresholdCounts): KsResult {
  const curve = ksCurveFromCounts(counts);
  let best = 0;
  for (let k = 1; k < curve.difference.length; k++) {
    if (curve.difference[k] > curve.difference[best]) best = k;
  }
  return { statistic: curve.difference[best], threshold: curve.thresholds[best] };
}
