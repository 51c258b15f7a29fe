/**
 * Binary logloss gradients on margins, with positives weighted by scale_pos_weight.
 */

// Keeps the hessian positive when a probability saturates (as XGBoost does).
const MIN_HESSIAN = 1e-16;

/** Fills `out` with interleaved (grad, hess) per row. */
export function computeGradients(
  labels: Float64Array,
  margins: Float64Array,
  scalePosWeight: number,
  out: Float64Array,
): void {
  for (let i = 0; i < labels.length; i++) {
    const p = 1 / (1 + Math.exp(-margins[i]));
    const y = labels[i];
    const w = y === 1 ? scalePosWeight : 1;
    out[2 * i] = (p - y) * w;
    out[2 * i + 1] = Math.max(p * (1 - p), MIN_HESSIAN) * w;
  }
}

/** Log-odds of the label mean: the margin every row starts from. */
export function baseMarginOf(labels: Float64Array): number {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i];
  const mean = positives / labels.length;
  return Math.log(mean / (1 - mean));
}
