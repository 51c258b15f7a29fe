/**
 * The two validation metrics early stopping needs, computed on margins. Kept here so
 * the trainer does not depend on the metrics module.
 */

/** ROC AUC of margins against 0/1 labels, counting ties as half (NaN with one class). */
export function rocAuc(labels: Float64Array, scores: Float64Array): number {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) positives++;
  const pos = new Float64Array(positives);
  const neg = new Float64Array(labels.length - positives);
  let p = 0;
  let q = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === 1) pos[p++] = scores[i];
    else neg[q++] = scores[i];
  }
  if (pos.length === 0 || neg.length === 0) return NaN;
  pos.sort();
  neg.sort();
  // For each positive, count negatives strictly below and equal to it.
  let below = 0;
  let upTo = 0;
  let wins = 0;
  for (let i = 0; i < pos.length; i++) {
    const s = pos[i];
    while (below < neg.length && neg[below] < s) below++;
    if (upTo < below) upTo = below;
    while (upTo < neg.length && neg[upTo] <= s) upTo++;
    wins += below + (upTo - below) / 2;
  }
  return wins / (pos.length * neg.length);
}

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
