/** Every scalar metric of a binary classifier in one plain object (metrics.json). */
import { expectedCalibrationError } from "./calibration.ts";
import { thresholdCounts } from "./counts.ts";
import type { Labels, Scores } from "./inputs.ts";
import { ksFromCounts } from "./ks.ts";
import { averagePrecisionFromCounts } from "./pr.ts";
import { brier, logloss } from "./probability.ts";
import { aucFromCounts } from "./roc.ts";

/** Scalar metrics of predicted probabilities against 0/1 labels. */
export interface BinarySummary {
  rows: number;
  positives: number;
  prevalence: number;
  rocAuc: number;
  gini: number;
  prAuc: number;
  ks: number;
  ksThreshold: number;
  brier: number;
  logloss: number;
  /** Expected calibration error over 10 equal-width bins. */
  ece: number;
}

/**
 * Computes all scalar metrics; `probabilities` must lie in [0, 1].
 * @example
 * ```ts
 * import { summariseBinary } from "./summary.ts";
 * const summary = summariseBinary([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]);
 * if (summary.rocAuc !== 0.75) throw new Error(`expected 0.75, got ${summary.rocAuc}`);
 * ```
 */
export function summariseBinary(probabilities: Scores, labels: Labels): BinarySummary {
  // One sort serves every ranking metric.
  const counts = thresholdCounts("summary metrics", probabilities, labels);
  const auc = aucFromCounts(counts);
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i];
    if (p < 0 || p > 1) {
      throw new RangeError(`Cannot summarise metrics: probability at row ${i} is ${p}`);
    }
  }
  const positives = counts.positives;
  const separation = ksFromCounts(counts);
  return {
    rows: labels.length,
    positives,
    prevalence: positives / labels.length,
    rocAuc: auc,
    gini: 2 * auc - 1,
    prAuc: averagePrecisionFromCounts(counts),
    ks: separation.statistic,
    ksThreshold: separation.threshold,
    brier: brier(probabilities, labels),
    logloss: logloss(probabilities, labels),
    ece: expectedCalibrationError(probabilities, labels),
  };
}
