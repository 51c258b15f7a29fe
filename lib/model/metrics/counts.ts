/**
 * Cumulative true- and false-positive counts at each distinct score threshold, the
 * common core of the ROC, PR and KS curves (sklearn's `_binary_clf_curve`).
 */
import {
  assertBinaryInputs,
  assertBothClasses,
  countPositives,
  type Labels,
  orderByScoreDescending,
  type Scores,
} from "./inputs.ts";

/** Counts when every row scoring at least `thresholds[k]` is called positive. */
export interface ThresholdCounts {
  /** Distinct scores, descending. */
  thresholds: Float64Array;
  /** True positives at each threshold. */
  tps: Float64Array;
  /** False positives at each threshold. */
  fps: Float64Array;
  positives: number;
  negatives: number;
}

/** Groups rows by distinct score (ties form one step) and accumulates the counts. */
export function thresholdCounts(metric: string, scores: Scores, labels: Labels): ThresholdCounts {
  assertBinaryInputs(metric, scores, labels);
  const positives = countPositives(labels);
  assertBothClasses(metric, positives, labels.length);
  const order = orderByScoreDescending(scores);
  const thresholds: number[] = [];
  const tps: number[] = [];
  const fps: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let k = 0; k < order.length; k++) {
    const row = order[k];
    if (labels[row] === 1) tp++;
    else fp++;
    const next = k + 1 < order.length ? scores[order[k + 1]] : NaN;
    if (next !== scores[row]) {
      thresholds.push(scores[row]);
      tps.push(tp);
      fps.push(fp);
    }
  }
  return {
    thresholds: Float64Array.from(thresholds),
    tps: Float64Array.from(tps),
    fps: Float64Array.from(fps),
    positives,
    negatives: labels.length - positives,
  };
}
