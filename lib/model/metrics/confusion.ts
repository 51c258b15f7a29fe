/** Confusion matrices at chosen score thresholds. */
import { assertBinaryInputs, type Labels, type Scores } from "./inputs.ts";

/** Counts and rates when rows scoring at least `threshold` are called positive. */
export interface ConfusionAtThreshold {
  threshold: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  /** TP / (TP + FP); 0 when nothing is called positive (sklearn's zero_division). */
  precision: number;
  /** TP / (TP + FN), the true-positive rate; 0 when there are no positives. */
  recall: number;
  /** FP / (FP + TN); 0 when there are no negatives. */
  fpr: number;
  accuracy: number;
}

/**
 * One confusion matrix per threshold, in the order given.
 * @example
 * ```ts
 * import { confusionAt } from "./confusion.ts";
 * const rows = confusionAt([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1], [0.2, 0.5]);
 * if (rows.length !== 2) throw new Error(`expected 2 rows, got ${rows.length}`);
 * ```
 */
export function confusionAt(
  scores: Scores,
  labels: Labels,
  thresholds: ArrayLike<number>,
): ConfusionAtThreshold[] {
  assertBinaryInputs("confusion matrix", scores, labels);
  const result: ConfusionAtThreshold[] = [];
  for (let t = 0; t < thresholds.length; t++) {
    const threshold = thresholds[t];
    if (Number.isNaN(threshold)) {
      throw new TypeError(`Cannot compute confusion matrix: threshold ${t} is NaN`);
    }
    let tp = 0;
    let fp = 0;
    let tn = 0;
    let fn = 0;
    for (let i = 0; i < labels.length; i++) {
      const called = scores[i] >= threshold;
      if (labels[i] === 1) called ? tp++ : fn++;
      else called ? fp++ : tn++;
    }
    result.push({
      threshold,
      tp,
      fp,
      tn,
      fn,
      precision: ratio(tp, tp + fp),
      recall: ratio(tp, tp + fn),
      fpr: ratio(fp, fp + tn),
      accuracy: (tp + tn) / labels.length,
    });
  }
  return result;
}

function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}
