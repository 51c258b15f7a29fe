/**
 * Cumulative true- and false-positive counts at each distinct score threshold, the
 * common core of the ROC, PR and KS curves (sklearn's `_binary_clf_curve`).
 */
import {
  assertBinaryInputs,
  assertBothClasses,
  countPositives,
  type Labels,
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
  // Two native numeric sorts and a merge are several times faster than one index sort.
  const pos = new Float64Array(positives);
  const neg = new Float64Array(labels.length - positives);
  let p = 0;
  let q = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) pos[p++] = scores[i];
    else neg[q++] = scores[i];
  }
  pos.sort();
  neg.sort();
  const thresholds: number[] = [];
  const tps: number[] = [];
  const fps: number[] = [];
  let tp = 0;
  let fp = 0;
  p = pos.length - 1;
  q = neg.length - 1;
  while (p >= 0 || q >= 0) {
    const threshold = q < 0 || (p >= 0 && pos[p] > neg[q]) ? pos[p] : neg[q];
    while (p >= 0 && pos[p] === threshold) {
      tp++;
      p--;
    }
    while (q >= 0 && neg[q] === threshold) {
      fp++;
      q--;
    }
    thresholds.push(threshold);
    tps.push(tp);
    fps.push(fp);
  }
  return {
    thresholds: Float64Array.from(thresholds),
    tps: Float64Array.from(tps),
    fps: Float64Array.from(fps),
    positives,
    negatives: labels.length - positives,
  };
}
