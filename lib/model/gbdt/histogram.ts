/**
 * Gradient/hessian histograms, built for a batch of nodes in one pass. The batch's rows
 * come as one ascending list with, per row, the offset of its node's histogram, so a
 * feature column is read almost sequentially even for deep, sparse nodes. Every bin sums
 * its node's rows in ascending row order, whichever thread builds the feature and
 * however the batch is made up, so the sums are bit-identical across worker counts.
 */

/** One node's histogram to build: the rows index[start..end) into histogram `slot`. */
export interface HistogramTask {
  start: number;
  end: number;
  slot: number;
}

/** A batch of rows to histogram, shared with the workers. */
export interface HistogramBatch {
  /** Row ids; each node's rows appear in ascending order. */
  rows: Uint32Array;
  /** Per listed row, the first double of its node's histogram in `hist`. */
  targets: Int32Array;
  count: number;
}

/**
 * Zeroes, then fills, the given features' sections of the histograms starting at
 * `slotBases` (interleaved grad, hess per bin, Float64).
 */
export function buildHistograms(
  bins: Uint8Array[],
  offsets: Int32Array,
  gradients: Float64Array,
  batch: HistogramBatch,
  hist: Float64Array,
  slotBases: Int32Array,
  features: Int32Array,
): void {
  for (let s = 0; s < slotBases.length; s++) {
    for (let p = 0; p < features.length; p++) {
      const f = features[p];
      hist.fill(0, slotBases[s] + offsets[f] * 2, slotBases[s] + offsets[f + 1] * 2);
    }
  }
  let p = 0;
  for (; p + 3 < features.length; p += 4) {
    addFour(bins, offsets, gradients, batch, hist, features, p);
  }
  for (; p < features.length; p++) addOne(bins, offsets, gradients, batch, hist, features[p]);
}

function addOne(
  bins: Uint8Array[],
  offsets: Int32Array,
  gradients: Float64Array,
  batch: HistogramBatch,
  hist: Float64Array,
  feature: number,
): void {
  const { rows, targets, count } = batch;
  const column = bins[feature];
  const base = offsets[feature] * 2;
  for (let k = 0; k < count; k++) {
    const row = rows[k];
    const at = targets[k] + base + column[row] * 2;
    hist[at] += gradients[2 * row];
    hist[at + 1] += gradients[2 * row + 1];
  }
}

// Four features per pass share the row, target and gradient loads.
function addFour(
  bins: Uint8Array[],
  offsets: Int32Array,
  gradients: Float64Array,
  batch: HistogramBatch,
  hist: Float64Array,
  features: Int32Array,
  at: number,
): void {
  const { rows, targets, count } = batch;
  const c0 = bins[features[at]];
  const c1 = bins[features[at + 1]];
  const c2 = bins[features[at + 2]];
  const c3 = bins[features[at + 3]];
  const b0 = offsets[features[at]] * 2;
  const b1 = offsets[features[at + 1]] * 2;
  const b2 = offsets[features[at + 2]] * 2;
  const b3 = offsets[features[at + 3]] * 2;
  for (let k = 0; k < count; k++) {
    const row = rows[k];
    const t = targets[k];
    const g = gradients[2 * row];
    const h = gradients[2 * row + 1];
    const a0 = t + b0 + c0[row] * 2;
    const a1 = t + b1 + c1[row] * 2;
    const a2 = t + b2 + c2[row] * 2;
    const a3 = t + b3 + c3[row] * 2;
    hist[a0] += g;
    hist[a0 + 1] += h;
    hist[a1] += g;
    hist[a1 + 1] += h;
    hist[a2] += g;
    hist[a2 + 1] += h;
    hist[a3] += g;
    hist[a3 + 1] += h;
  }
}

/** parent -= child over the given features: the sibling's histogram, in place. */
export function subtractHistogram(
  hist: Float64Array,
  parentBase: number,
  childBase: number,
  offsets: Int32Array,
  features: Int32Array,
): void {
  for (let p = 0; p < features.length; p++) {
    const from = offsets[features[p]] * 2;
    const to = offsets[features[p] + 1] * 2;
    for (let i = from; i < to; i++) hist[parentBase + i] -= hist[childBase + i];
  }
}
