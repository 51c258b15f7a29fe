/**
 * Log loss on margins, for the trainer's per-round report and early stopping (the
 * metrics module's logloss takes probabilities). ROC AUC comes from lib/model/metrics.
 */

/** Mean binary log loss of margins, computed stably as softplus(m) - y * m. */
export function marginLogLoss(labels: Float64Array, margins: Float64Array): number {
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const m = margins[i];
    const softplus = m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m));
    total += softplus - labels[i] * m;
  }
  return total / labels.length;
}
