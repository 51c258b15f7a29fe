/**
 * Gradient/hessian histograms, built for a batch of nodes in one pass. The batch's rows
 * come as one ascending list with, per row, the offset of its node's histogram, so the
 * bins (groups of eight features, row-major; layout.ts) are read almost sequentially
 * even for deep, sparse nodes. Threads claim blocks (a group each); every bin sums its
 * node's rows in ascending row order whichever thread builds it, so the sums are
 * bit-identical across worker counts. Training runs the group pass as WebAssembly
 * (group_kernel.ts), with the same sums as addGroupScalar.
 */
import { type BinLayout, GROUP_WIDTH } from "./layout.ts";

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
 * Where each block of a feature list starts (one more entry for the end). A block is
 * one group of eight bin columns (several when the groups would overflow the claim
 * counter); its histograms come from one thread.
 */
export function planBlocks(features: Int32Array): Int32Array {
  let groups = 0;
  for (let p = 0; p < features.length; p++) {
    if (p === 0 || groupOf(features[p]) !== groupOf(features[p - 1])) groups++;
  }
  const groupsPerBlock = Math.max(1, Math.ceil(groups / BLOCK_MASK));
  const starts: number[] = [];
  let seen = 0;
  for (let p = 0; p < features.length; p++) {
    if (p > 0 && groupOf(features[p]) === groupOf(features[p - 1])) continue;
    if (seen++ % groupsPerBlock === 0) starts.push(p);
  }
  starts.push(features.length);
  return Int32Array.from(starts);
}

function groupOf(feature: number): number {
  return Math.floor(feature / GROUP_WIDTH);
}

/**
 * Zeroes, then fills, features[from..to) in every histogram starting at `slotBases`
 * (interleaved grad, hess per bin, Float64). The features of a group, from its first
 * (all eight, or a few when the others are not asked for), are summed in one pass over
 * the batch; other features one at a time.
 */
export function buildFeatureBlock(
  layout: BinLayout,
  offsets: Int32Array,
  gradients: Float64Array,
  batch: HistogramBatch,
  hist: Float64Array,
  slotBases: Int32Array,
  features: Int32Array,
  from: number,
  to: number,
  addGroup: GroupAdder = addGroupScalar,
): void {
  for (let s = 0; s < slotBases.length; s++) {
    for (let p = from; p < to; p++) {
      const f = features[p];
      hist.fill(0, slotBases[s] + offsets[f] * 2, slotBases[s] + offsets[f + 1] * 2);
    }
  }
  let p = from;
  while (p < to) {
    const lanes = groupRun(features, p, to);
    if (lanes > 1) addGroup(layout, offsets, gradients, batch, hist, features[p], lanes);
    else addOne(layout.bins[features[p]], offsets, gradients, batch, hist, features[p]);
    p += lanes;
  }
}

// How many of features[p..to) are features f, f + 1, … of one group with f its first.
function groupRun(features: Int32Array, p: number, to: number): number {
  const f = features[p];
  if (f % GROUP_WIDTH !== 0) return 1;
  let lanes = 1;
  while (lanes < GROUP_WIDTH && p + lanes < to && features[p + lanes] === f + lanes) lanes++;
  return lanes;
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
  column: Uint8Array,
  offsets: Int32Array,
  gradients: Float64Array,
  batch: HistogramBatch,
  hist: Float64Array,
  feature: number,
): void {
  const { rows, targets, count } = batch;
  const base = offsets[feature] * 2;
  for (let k = 0; k < count; k++) {
    const row = rows[k];
    const at = targets[k] + base + column[row * GROUP_WIDTH] * 2;
    hist[at] += gradients[2 * row];
    hist[at + 1] += gradients[2 * row + 1];
  }
}

/**
 * Adds the batch to the histograms of features first..first + lanes - 1, `first` the
 * first of its group: addGroupScalar, or the WebAssembly kernel of group_kernel.ts,
 * which gives bit-identical sums.
 */
export type GroupAdder = (
  layout: BinLayout,
  offsets: Int32Array,
  gradients: Float64Array,
  batch: HistogramBatch,
  hist: Float64Array,
  first: number,
  lanes: number,
) => void;

/**
 * Eight features per pass: two word loads give a row's eight bins, and the row, target
 * and gradient loads are shared. Plain JavaScript, for data outside a kernel memory.
 */
export function addGroupScalar(
  layout: BinLayout,
  offsets: Int32Array,
  gradients: Float64Array,
  batch: HistogramBatch,
  hist: Float64Array,
  first: number,
  lanes: number,
): void {
  if (lanes < GROUP_WIDTH) {
    for (let lane = 0; lane < lanes; lane++) {
      addOne(layout.bins[first + lane], offsets, gradients, batch, hist, first + lane);
    }
    return;
  }
  const { rows, targets, count } = batch;
  const { words } = layout;
  const wordBase = (first / GROUP_WIDTH) * layout.rows * 2;
  const b0 = offsets[first] * 2;
  const b1 = offsets[first + 1] * 2;
  const b2 = offsets[first + 2] * 2;
  const b3 = offsets[first + 3] * 2;
  const b4 = offsets[first + 4] * 2;
  const b5 = offsets[first + 5] * 2;
  const b6 = offsets[first + 6] * 2;
  const b7 = offsets[first + 7] * 2;
  for (let k = 0; k < count; k++) {
    const row = rows[k];
    const t = targets[k];
    const g = gradients[2 * row];
    const h = gradients[2 * row + 1];
    const lo = words[wordBase + 2 * row];
    const hi = words[wordBase + 2 * row + 1];
    // Bin b of lane l sits at bits 8l..8l+7; (x >>> 7) & 510 is twice the bin above bit 8.
    const a0 = t + b0 + ((lo & 255) << 1);
    const a1 = t + b1 + ((lo >>> 7) & 510);
    const a2 = t + b2 + ((lo >>> 15) & 510);
    const a3 = t + b3 + ((lo >>> 23) & 510);
    const a4 = t + b4 + ((hi & 255) << 1);
    const a5 = t + b5 + ((hi >>> 7) & 510);
    const a6 = t + b6 + ((hi >>> 15) & 510);
    const a7 = t + b7 + ((hi >>> 23) & 510);
    hist[a0] += g;
    hist[a0 + 1] += h;
    hist[a1] += g;
    hist[a1 + 1] += h;
    hist[a2] += g;
    hist[a2 + 1] += h;
    hist[a3] += g;
    hist[a3 + 1] += h;
    hist[a4] += g;
    hist[a4 + 1] += h;
    hist[a5] += g;
    hist[a5 + 1] += h;
    hist[a6] += g;
    hist[a6 + 1] += h;
    hist[a7] += g;
    hist[a7 + 1] += h;
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
