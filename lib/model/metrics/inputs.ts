/**
 * Checks shared by every metric: scores and labels of equal, non-zero length, finite
 * scores, and labels that are exactly 0 or 1.
 */

/** Scores of a binary classifier, one per row (probabilities or margins). */
export type Scores = ArrayLike<number>;
/** Binary labels, one per row: 0 or 1. */
export type Labels = ArrayLike<number>;

/** Throws a TypeError or RangeError naming the metric and the offending row. */
export function assertBinaryInputs(metric: string, scores: Scores, labels: Labels): void {
  if (scores.length !== labels.length) {
    throw new RangeError(
      `Cannot compute ${metric}: ${scores.length} scores but ${labels.length} labels`,
    );
  }
  if (scores.length === 0) throw new RangeError(`Cannot compute ${metric}: no rows`);
  for (let i = 0; i < scores.length; i++) {
    if (!Number.isFinite(scores[i])) {
      throw new TypeError(`Cannot compute ${metric}: score at row ${i} is ${scores[i]}`);
    }
    const y = labels[i];
    if (y !== 0 && y !== 1) {
      throw new TypeError(`Cannot compute ${metric}: label at row ${i} is ${y}, expected 0 or 1`);
    }
  }
}

/** Counts the positive labels. */
export function countPositives(labels: Labels): number {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i];
  return positives;
}

/** Throws when the labels hold only one class, where ranking metrics are undefined. */
export function assertBothClasses(metric: string, positives: number, rows: number): void {
  if (positives === 0 || positives === rows) {
    throw new RangeError(
      `Cannot compute ${metric}: labels hold only ${positives === 0 ? "negatives" : "positives"}`,
    );
  }
}

/** Row indices ordered by descending score, ties broken by ascending row index. */
export function orderByScoreDescending(scores: Scores): Uint32Array {
  const order = new Uint32Array(scores.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => scores[b] - scores[a] || a - b);
  return order;
}
