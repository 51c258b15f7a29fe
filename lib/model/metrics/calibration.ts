/** Reliability (calibration) table and expected calibration error. */
import { assertBinaryInputs, type Labels, type Scores } from "./inputs.ts";

/** How bin edges are placed: equal width over [0, 1], or at quantiles of the scores. */
export type CalibrationStrategy = "uniform" | "quantile";

/** One non-empty bin of predicted probabilities. */
export interface CalibrationBin {
  /** Bin edges: lower ≤ p < upper, the last bin also holding p = upper. */
  lower: number;
  upper: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

/**
 * Groups rows into `bins` probability bins and compares the mean prediction with the
 * observed positive rate in each; empty bins are left out (as sklearn's
 * `calibration_curve` does).
 * @example
 * ```ts
 * import { calibrationTable } from "./calibration.ts";
 * const probabilities = Array.from({ length: 100 }, (_, i) => i / 100);
 * const labels = probabilities.map((p) => (p > 0.5 ? 1 : 0));
 * const bins = calibrationTable(probabilities, labels, 10, "quantile");
 * if (bins.length !== 10) throw new Error(`expected 10 bins, got ${bins.length}`);
 * ```
 */
export function calibrationTable(
  probabilities: Scores,
  labels: Labels,
  bins = 10,
  strategy: CalibrationStrategy = "uniform",
): CalibrationBin[] {
  assertBinaryInputs("calibration table", probabilities, labels);
  if (!Number.isInteger(bins) || bins < 1) {
    throw new RangeError(`Cannot compute calibration table: bins is ${bins}, expected >= 1`);
  }
  const edges = strategy === "uniform" ? uniformEdges(bins) : quantileEdges(probabilities, bins);
  const count = new Float64Array(edges.length - 1);
  const sumPredicted = new Float64Array(edges.length - 1);
  const sumObserved = new Float64Array(edges.length - 1);
  for (let i = 0; i < labels.length; i++) {
    const bin = binOf(edges, probabilities[i]);
    count[bin]++;
    sumPredicted[bin] += probabilities[i];
    sumObserved[bin] += labels[i];
  }
  const table: CalibrationBin[] = [];
  for (let b = 0; b < count.length; b++) {
    if (count[b] === 0) continue;
    table.push({
      lower: edges[b],
      upper: edges[b + 1],
      count: count[b],
      meanPredicted: sumPredicted[b] / count[b],
      observedRate: sumObserved[b] / count[b],
    });
  }
  return table;
}

/** Count-weighted mean of |mean predicted − observed rate| over the calibration bins. */
export function expectedCalibrationError(
  probabilities: Scores,
  labels: Labels,
  bins = 10,
  strategy: CalibrationStrategy = "uniform",
): number {
  const table = calibrationTable(probabilities, labels, bins, strategy);
  let sum = 0;
  for (const bin of table) sum += bin.count * Math.abs(bin.meanPredicted - bin.observedRate);
  return sum / labels.length;
}

function uniformEdges(bins: number): Float64Array {
  const edges = new Float64Array(bins + 1);
  for (let b = 0; b <= bins; b++) edges[b] = b / bins;
  return edges;
}

/** Linear-interpolated quantiles (numpy's default), duplicates merged. */
function quantileEdges(probabilities: Scores, bins: number): Float64Array {
  const sorted = Float64Array.from(probabilities).sort();
  const edges: number[] = [];
  for (let b = 0; b <= bins; b++) {
    const position = (b / bins) * (sorted.length - 1);
    const low = Math.floor(position);
    const high = Math.min(low + 1, sorted.length - 1);
    const edge = sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    if (edges.length === 0 || edge > edges[edges.length - 1]) edges.push(edge);
  }
  if (edges.length === 1) edges.push(edges[0]);
  return Float64Array.from(edges);
}

/** Index b with edges[b] ≤ p < edges[b + 1]; values outside go to the end bins. */
function binOf(edges: Float64Array, p: number): number {
  let lo = 0;
  let hi = edges.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (edges[mid] <= p) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
