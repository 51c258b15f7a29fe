/**
 * Gradient/hessian histograms, built for a batch of nodes in one pass. The batch's rows
 * come as one ascending list with, per row, the offset of its node's histogram, so the
 * bins (groups of eight features, row-major; layout.ts) are read almost sequentially
 * even for deep, sparse nodes. Threads claim blocks (a group each); every bin sums its
 * node's rows in ascending row order whichever thread builds it, so the sums are
 * bit-identical across worker counts. Training runs the group pass as WebAssembly
 * (group_kernel.ts), with the same sums as addGroupScalar, and sums the rows missing on
 * a whole group once rather than per feature (missing_runs.ts).
 */
import { type BinLayout, GROUP_WIDTH } from "./layout.ts";
import type { MissingGroups } from "./missing_runs.ts";

/**
 * One node's histogram to build: the rows index[start..end) into histogram `slot`, with
 * the node's gradient sums; `sibling`, when given, holds the parent's histogram in its
 * slot and gets its own by subtraction. `bounds`, under monotone constraints, holds
 * the (lower, upper) bounds of the node's weight.
 */
export interface HistogramTask {
  start: number;
  end: number;
  slot: number;
  grad: number;
  hess: number;
  bounds?: WeightBounds;
  sibling?: { slot: number; grad: number; hess: number; bounds?: WeightBounds };
}

/** The interval a node's weight is clipped to (monotone constraints). */
export interface WeightBounds {
  lower: number;
  upper: number;
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

// Two groups per block, so that a block's groups can be summed in one pass (addPair).
const GROUPS_PER_BLOCK = 2;

/**
 * Where each block of a feature list starts (one more entry for the end). A block is
 * two groups of eight bin columns (more when the groups would overflow the claim
 * counter); its histograms come from one thread.
 */
export function planBlocks(features: Int32Array): Int32Array {
  let groups = 0;
  for (let p = 0; p < features.length; p++) {
    if (p === 0 || groupOf(features[p]) !== groupOf(features[p - 1])) groups++;
  }
  const groupsPerBlock = Math.max(GROUPS_PER_BLOCK, Math.ceil(groups / BLOCK_MASK));
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

/** What building histograms reads, and the kernel that sums them. */
export interface HistogramInputs {
  layout: BinLayout;
  offsets: Int32Array;
  gradients: Float64Array;
  batch: HistogramBatch;
  hist: Float64Array;
  /** The group kernel (default addGroupScalar; the trainer's is WebAssembly). */
  addGroup?: GroupAdder;
  /** Groups whose all-missing rows are summed once (missing_runs.ts); none when absent. */
  skips?: GroupSkips;
}

/** Doubles of spare bins per group: four (grad, hess) bins. */
export const SPARE_WIDTH = 8;

/**
 * Where all-missing rows go: group g's are summed into the four spare bins from double
 * spareBase + SPARE_WIDTH * g of each histogram (past the features' bins), then their
 * total is added to the missing bin of each of the group's features.
 */
export interface GroupSkips {
  missing: MissingGroups;
  missingBin: Int32Array;
  spareBase: number;
}

/**
 * Zeroes, then fills, features[from..to) in every histogram starting at `slotBases`
 * (interleaved grad, hess per bin, Float64). The features of a group, from its first
 * (all eight, or a few when the others are not asked for), are summed in one pass over
 * the batch; other features one at a time.
 */
export function buildFeatureBlock(
  inputs: HistogramInputs,
  slotBases: Int32Array,
  features: Int32Array,
  from: number,
  to: number,
): void {
  const { layout, offsets, gradients, batch, hist, skips } = inputs;
  const addGroup = inputs.addGroup ?? addGroupScalar;
  for (let s = 0; s < slotBases.length; s++) {
    for (let p = from; p < to; p++) {
      const f = features[p];
      hist.fill(0, slotBases[s] + offsets[f] * 2, slotBases[s] + offsets[f + 1] * 2);
    }
  }
  let p = from;
  while (p < to) {
    const f = features[p];
    const lanes = groupRun(features, p, to);
    const group = f / GROUP_WIDTH;
    const scattered = scatteredInGroup(features, p, to, lanes);
    if (scattered !== null) {
      // Column sampling leaves groups part-asked. A run from the group's first feature
      // takes its usual path; the rest, rather than one JavaScript pass each, one kernel
      // pass picking their lanes, with the same row-order sums as one at a time.
      if (lanes > 1) buildFeatureBlock(inputs, slotBases, features, p, p + lanes);
      const first = groupOf(f) * GROUP_WIDTH;
      const picked = features.slice(lanes > 1 ? p + lanes : p, scattered.end).map((g) => g - first);
      addGroup(layout, offsets, gradients, batch, hist, first, picked.length, undefined, picked);
      p = scattered.end;
      continue;
    }
    if (lanes > 1 && skips && skips.missing.skippable[group] === 1) {
      const spare = skips.spareBase + SPARE_WIDTH * group;
      for (const base of slotBases) hist.fill(0, base + spare, base + spare + SPARE_WIDTH);
      const { lo, hi } = skips.missing;
      const skip = { lo: lo[group], hi: hi[group], spare };
      addGroup(layout, offsets, gradients, batch, hist, f, lanes, skip);
      for (const base of slotBases) {
        const at = base + spare;
        const g = hist[at] + hist[at + 2] + hist[at + 4] + hist[at + 6];
        const h = hist[at + 1] + hist[at + 3] + hist[at + 5] + hist[at + 7];
        for (let lane = 0; lane < lanes; lane++) {
          const missingAt = base + (offsets[f + lane] + skips.missingBin[f + lane]) * 2;
          hist[missingAt] += g;
          hist[missingAt + 1] += h;
        }
      }
    } else if (lanes === GROUP_WIDTH && pairsWithNext(features, p, to, skips)) {
      addGroup(layout, offsets, gradients, batch, hist, f, 2 * GROUP_WIDTH);
      p += GROUP_WIDTH;
    } else if (lanes > 1) addGroup(layout, offsets, gradients, batch, hist, f, lanes);
    else addOne(layout.bins[f], offsets, gradients, batch, hist, f);
    p += lanes;
  }
}

/** Least features a group must have summed one at a time for one pass over it to pay. */
const SCATTERED_MIN_SINGLES = 2;

/**
 * When features[p..) holds features of one group that would be summed one at a time
 * (not in the run from its first feature, `lanes` long when p is that first), at least
 * {@link SCATTERED_MIN_SINGLES} of them, the end of the group's features; otherwise null.
 */
function scatteredInGroup(
  features: Int32Array,
  p: number,
  to: number,
  lanes: number,
): { end: number } | null {
  const group = groupOf(features[p]);
  let end = p;
  while (end < to && groupOf(features[end]) === group) end++;
  const singles = end - p - (lanes > 1 ? lanes : 0);
  return singles >= SCATTERED_MIN_SINGLES ? { end } : null;
}

// Whether the whole group at p (not tested for all-missing rows) can be summed in one
// pass with the next one, also whole and untested: the row loads are then shared.
function pairsWithNext(
  features: Int32Array,
  p: number,
  to: number,
  skips: GroupSkips | undefined,
): boolean {
  const group = features[p] / GROUP_WIDTH;
  const next = p + GROUP_WIDTH;
  if (next >= to || groupRun(features, next, to) !== GROUP_WIDTH) return false;
  if (features[next] !== features[p] + GROUP_WIDTH) return false;
  return !skips ||
    (skips.missing.skippable[group] === 0 && skips.missing.skippable[group + 1] === 0);
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
 * first of its group (lanes 16: that group and the next, whole and without skip): addGroupScalar, or the WebAssembly kernel of group_kernel.ts,
 * which gives bit-identical sums. With `skip`, a row k whose group words are (lo, hi),
 * every feature missing, is added to spare bin k & 3 of the four from t + spare instead.
 * With `picked` (no skip), the `lanes` features are first + picked[i], any of the group.
 */
export type GroupAdder = (
  layout: BinLayout,
  offsets: Int32Array,
  gradients: Float64Array,
  batch: HistogramBatch,
  hist: Float64Array,
  first: number,
  lanes: number,
  skip?: { lo: number; hi: number; spare: number },
  picked?: Int32Array,
) => void;

/** The GroupAdder in plain JavaScript, for data outside a kernel memory (and tests). */
export const addGroupScalar: GroupAdder = (
  layout,
  offsets,
  gradients,
  batch,
  hist,
  first,
  lanes,
  skip,
  picked,
) => {
  const { rows, targets, count } = batch;
  const { words } = layout;
  const wordBase = (first / GROUP_WIDTH) * layout.rows * 2;
  for (let k = 0; k < count; k++) {
    const row = rows[k];
    const t = targets[k];
    const g = gradients[2 * row];
    const h = gradients[2 * row + 1];
    const lo = words[wordBase + 2 * row];
    const hi = words[wordBase + 2 * row + 1];
    if (skip && lo === skip.lo && hi === skip.hi) {
      const at = t + skip.spare + (k & 3) * 2;
      hist[at] += g;
      hist[at + 1] += h;
      continue;
    }
    for (let i = 0; i < lanes; i++) {
      const lane = picked === undefined ? i : picked[i];
      const word = lane < GROUP_WIDTH
        ? (lane < 4 ? lo : hi)
        : words[wordBase + 2 * layout.rows + 2 * row + ((lane >> 2) & 1)];
      const bin = (word >>> (8 * (lane % 4))) & 255;
      const at = t + (offsets[first + lane] + bin) * 2;
      hist[at] += g;
      hist[at + 1] += h;
    }
  }
};

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
