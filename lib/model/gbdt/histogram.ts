/**
 * Gradient/hessian histograms. A node's rows are a range of a shared index array and
 * its gradients sit beside them in the same order (`gh`, interleaved g, h), so the hot
 * loop reads two sequential arrays and one Uint8 column. Each feature's sums always
 * run over the node's rows in the same order, whichever thread builds it.
 */

/** One node's histogram to build: rows index[start..end) into histogram `slot`. */
export interface HistogramTask {
  start: number;
  end: number;
  slot: number;
}

/**
 * Fills the given features' sections of each task's histogram (interleaved grad, hess
 * per bin, Float64).
 */
export function buildHistograms(
  bins: Uint8Array[],
  offsets: Int32Array,
  index: Uint32Array,
  gh: Float64Array,
  tasks: Int32Array,
  slots: Float64Array[],
  features: Int32Array,
): void {
  for (let t = 0; t < tasks.length; t += 3) {
    const start = tasks[t];
    const end = tasks[t + 1];
    const hist = slots[tasks[t + 2]];
    let f = 0;
    for (; f + 3 < features.length; f += 4) {
      buildFour(bins, offsets, index, gh, start, end, hist, features, f);
    }
    for (; f + 1 < features.length; f += 2) {
      buildTwo(bins, offsets, index, gh, start, end, hist, features[f], features[f + 1]);
    }
    if (f < features.length) buildOne(bins, offsets, index, gh, start, end, hist, features[f]);
  }
}

function buildOne(
  bins: Uint8Array[],
  offsets: Int32Array,
  index: Uint32Array,
  gh: Float64Array,
  start: number,
  end: number,
  hist: Float64Array,
  feature: number,
): void {
  const column = bins[feature];
  const base = offsets[feature] * 2;
  hist.fill(0, base, offsets[feature + 1] * 2);
  for (let k = start; k < end; k++) {
    const at = base + column[index[k]] * 2;
    hist[at] += gh[2 * k];
    hist[at + 1] += gh[2 * k + 1];
  }
}

// Four features per pass share the index and gradient loads.
function buildFour(
  bins: Uint8Array[],
  offsets: Int32Array,
  index: Uint32Array,
  gh: Float64Array,
  start: number,
  end: number,
  hist: Float64Array,
  features: Int32Array,
  at: number,
): void {
  const c0 = bins[features[at]];
  const c1 = bins[features[at + 1]];
  const c2 = bins[features[at + 2]];
  const c3 = bins[features[at + 3]];
  const b0 = offsets[features[at]] * 2;
  const b1 = offsets[features[at + 1]] * 2;
  const b2 = offsets[features[at + 2]] * 2;
  const b3 = offsets[features[at + 3]] * 2;
  for (let q = 0; q < 4; q++) {
    const f = features[at + q];
    hist.fill(0, offsets[f] * 2, offsets[f + 1] * 2);
  }
  for (let k = start; k < end; k++) {
    const row = index[k];
    const g = gh[2 * k];
    const h = gh[2 * k + 1];
    const a0 = b0 + c0[row] * 2;
    const a1 = b1 + c1[row] * 2;
    const a2 = b2 + c2[row] * 2;
    const a3 = b3 + c3[row] * 2;
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

// Two features per pass share the index and gradient loads.
function buildTwo(
  bins: Uint8Array[],
  offsets: Int32Array,
  index: Uint32Array,
  gh: Float64Array,
  start: number,
  end: number,
  hist: Float64Array,
  featureA: number,
  featureB: number,
): void {
  const columnA = bins[featureA];
  const columnB = bins[featureB];
  const baseA = offsets[featureA] * 2;
  const baseB = offsets[featureB] * 2;
  hist.fill(0, baseA, offsets[featureA + 1] * 2);
  hist.fill(0, baseB, offsets[featureB + 1] * 2);
  for (let k = start; k < end; k++) {
    const row = index[k];
    const g = gh[2 * k];
    const h = gh[2 * k + 1];
    const atA = baseA + columnA[row] * 2;
    hist[atA] += g;
    hist[atA + 1] += h;
    const atB = baseB + columnB[row] * 2;
    hist[atB] += g;
    hist[atB + 1] += h;
  }
}

/** sibling = parent - child over the given features, in place in `parent`. */
export function subtractHistogram(
  parent: Float64Array,
  child: Float64Array,
  offsets: Int32Array,
  features: Int32Array,
): void {
  for (let f = 0; f < features.length; f++) {
    const from = offsets[features[f]] * 2;
    const to = offsets[features[f] + 1] * 2;
    for (let i = from; i < to; i++) parent[i] -= child[i];
  }
}
