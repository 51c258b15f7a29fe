/** Gains and lift by score group (deciles by default). */
import {
  assertBinaryInputs,
  assertBothClasses,
  countPositives,
  type Labels,
  orderByScoreDescending,
  type Scores,
} from "./inputs.ts";

/** One score group, highest scores first. */
export interface GainsRow {
  /** 1 for the highest-scoring group. */
  group: number;
  count: number;
  positives: number;
  minScore: number;
  maxScore: number;
  /** Positives / count within the group. */
  positiveRate: number;
  /** Share of all positives captured by this and the higher groups. */
  cumulativeCapture: number;
  /** Group positive rate over the overall positive rate. */
  lift: number;
  /** Positive rate of this and the higher groups over the overall positive rate. */
  cumulativeLift: number;
}

/**
 * Ranks rows by descending score (ties by row order) and cuts them into `groups`
 * groups of equal size (±1 row), reporting capture and lift per group.
 * @example
 * ```ts
 * import { gainsTable } from "./gains.ts";
 * const scores = Array.from({ length: 100 }, (_, i) => i / 100);
 * const labels = scores.map((s) => (s > 0.7 ? 1 : 0));
 * const rows = gainsTable(scores, labels); // deciles
 * if (rows.length !== 10) throw new Error(`expected 10 rows, got ${rows.length}`);
 * ```
 */
export function gainsTable(scores: Scores, labels: Labels, groups = 10): GainsRow[] {
  assertBinaryInputs("gains table", scores, labels);
  const rows = labels.length;
  if (!Number.isInteger(groups) || groups < 1 || groups > rows) {
    throw new RangeError(`Cannot compute gains table: groups is ${groups}, expected 1..${rows}`);
  }
  const positives = countPositives(labels);
  assertBothClasses("gains table", positives, rows);
  const overallRate = positives / rows;
  const order = orderByScoreDescending(scores);
  const table: GainsRow[] = [];
  let cumulativeCount = 0;
  let cumulativePositives = 0;
  for (let g = 0; g < groups; g++) {
    const start = Math.floor((g * rows) / groups);
    const end = Math.floor(((g + 1) * rows) / groups);
    let groupPositives = 0;
    for (let k = start; k < end; k++) groupPositives += labels[order[k]];
    const count = end - start;
    cumulativeCount += count;
    cumulativePositives += groupPositives;
    table.push({
      group: g + 1,
      count,
      positives: groupPositives,
      minScore: scores[order[end - 1]],
      maxScore: scores[order[start]],
      positiveRate: groupPositives / count,
      cumulativeCapture: cumulativePositives / positives,
      lift: groupPositives / count / overallRate,
      cumulativeLift: cumulativePositives / cumulativeCount / overallRate,
    });
  }
  return table;
}
