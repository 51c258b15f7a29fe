/** Every scalar metric of a binary classifier in one plain object (metrics.json). */
import { expectedCalibrationError } from "./calibration.ts";
import { countPositives, type Labels, type Scores } from "./inputs.ts";
import { ks } from "./ks.ts";
import { prAuc } from "./pr.ts";
import { brier, logloss } from "./probability.ts";
import { rocAuc } from "./roc.ts";

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
 * summariseBinary(model.predict(test), test.label).rocAuc;
 */
export function summariseBinary(probabilities: Scores, labels: Labels): BinarySummary {
  const auc = rocAuc(probabilities, labels);
  for (let i = 0; i < probabilities.length; i++) {
    const p = probabilities[i];
    if (p < 0 || p > 1) {
      throw new RangeError(`Cannot summarise metrics: probability at row ${i} is ${p}`);
    }
  }
  const positives = countPositives(labels);
  const separation = ks(probabilities, labels);
  return {
    rows: labels.length,
    positives,
    prevalence: positives / labels.length,
    rocAuc: auc,
    gini: 2 * auc - 1,
    prAuc: prAuc(probabilities, labels),
    ks: separation.statistic,
    ksThreshold: separation.threshold,
    brier: brier(probabilities, labels),
    logloss: logloss(probabilities, labels),
    ece: expectedCalibrationError(probabilities, labels),
  };
}
