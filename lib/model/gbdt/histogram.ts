/**
 * Gradient/hessian histograms, built for a batch of nodes in one pass. The batch's rows
 * come as one ascending list with, per row, the offset of its node's histogram, so a
 * feature column is read almost sequentially even for deep, sparse nodes. Threads claim
 * blocks of features; every bin sums its node's rows in ascending row order whichever
 * thread builds it, so the sums are bit-identical across worker counts.
 */

/**
 * One node's histogram to build: the rows index[start..end) into histogram `slot`, with
 * the node's gradient sums; `sibling`, when given, holds the parent's histogram in its
 * slot and gets its own by subtraction.
 */
export interface HistogramTask {
  start: number;
  end: number;
  slot: number;
  grad: number;
  hess: number;
  sibling?: { slot: number; grad: number; hess: number };
}

/** A batch of rows to histogram, shared with the workers. */
export interface HistogramBatch {
  /** Row ids; each node's rows appear in ascending order. */
  rows: Uint32Array;
  /** Per listed row, the first double of its node's histogram in `hist`. */
  targets: Int32Array;
  count: number;
}

// control[0] packs a batch generation above the next block to claim.
const BLOCK_BITS = 12;
const BLOCK_MASK = (1 << BLOCK_BITS) - 1;
/** Batch generations cycle through this many values (2^19). */
export const GENERATIONS = 1 << (31 - BLOCK_BITS);

/**
 * Features per block for a feature list: a multiple of 4, small enough that the blocks
 * fit the claim counter. A block's histograms come from one thread.
 */
export function featuresPerBlock(features: number): number {
  return 4 * Math.max(1, Math.ceil(features / (4 * BLOCK_MASK)));
}

/**
 * Zeroes, then fills, the block's features in every histogram starting at `slotBases`
 * (interleaved grad, hess per bin, Float64).
 */
export function buildFeatureBlock(
  bins: Uint8Array[],
  offsets: Int32Array,
  gradients: Float64Array,
  batch: HistogramBatch,
  hist: Float64Array,
  slotBases: Int32Array,
  features: Int32Array,
  block: number,
): void {
  const perBlock = featuresPerBlock(features.length);
  const from = block * perBlock;
  const to = Math.min(from + perBlock, features.length);
  for (let s = 0; s < slotBases.length; s++) {
    for (let p = from; p < to; p++) {
      const f = features[p];
      hist.fill(0, slotBases[s] + offsets[f] * 2, slotBases[s] + offsets[f + 1] * 2);
    }
  }
  let p = from;
  for (; p + 4 <= to; p += 4) addFour(bins, offsets, gradients, batch, hist, features, p);
  for (; p < to; p++) addOne(bins, offsets, gradients, batch, hist, features[p]);
}

/**
 * Claims and builds blocks of batch `generation` until none is left. Threads share
 * `control`: [generation and next block, blocks finished]. A thread that arrives after
 * its batch is over finds another generation and claims nothing.
 */
export function buildClaimedBlocks(
  control: Int32Array,
  generation: number,
  blocks: number,
  build: (block: number) => void,
): void {
  for (;;) {
    const claim = Atomics.load(control, 0);
    if (claim >>> BLOCK_BITS !== generation) return;
    const block = claim & BLOCK_MASK;
    if (block >= blocks) return;
    if (Atomics.compareExchange(control, 0, claim, claim + 1) !== claim) continue;
    build(block);
    Atomics.add(control, 1, 1);
    Atomics.notify(control, 1);
  }
}

/** Starts batch `generation`: block 0 is next to claim and none is finished. */
export function openBatch(control: Int32Array, generation: number): void {
  Atomics.store(control, 1, 0);
  Atomics.store(control, 0, generation << BLOCK_BITS);
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
  from = 0,
  to = features.length,
): void {
  for (let p = from; p < to; p++) {
    const from = offsets[features[p]] * 2;
    const to = offsets[features[p] + 1] * 2;
    for (let i = from; i < to; i++) hist[parentBase + i] -= hist[childBase + i];
  }
}
