/**
 * One feature block of a level's work, done by whichever thread claims it: build the
 * block's features of every task's histogram, derive each sibling's by subtraction
 * from its parent's, and find the block's best split of every node. The calling thread
 * then keeps, per node, the first block's winner among equal gains, which is exactly
 * the serial scan's answer, so results do not depend on the worker count.
 */
import { buildFeatureBlock, type HistogramInputs, subtractHistogram } from "./histogram.ts";
import { noSplit, scanFeatures, type SplitCandidate, type SplitRules } from "./split.ts";

/** Doubles per (node, block) result: feature, bin, default left, gain, left grad, left hess. */
export const RESULT_WIDTH = 6;

/** The shared data every block reads. */
export interface LevelData extends HistogramInputs {
  missingBin: Int32Array;
}

/**
 * A level's job. Task t builds the histogram at slotBases[t]; when siblingBases[t] is
 * not -1 that slot holds the parent's histogram and becomes the sibling's. Node 2t is
 * task t, node 2t + 1 its sibling; stats holds (grad, hess) per node.
 */
export interface LevelJob {
  slotBases: Int32Array;
  siblingBases: Int32Array;
  stats: Float64Array;
  /** (lower, upper) weight bounds per node, under monotone constraints only. */
  bounds?: Float64Array;
  features: Int32Array;
  /** Feature positions where each block starts, then features.length (see planBlocks). */
  blockStarts: Int32Array;
  rules: SplitRules;
  blocks: number;
  /** RESULT_WIDTH doubles per (node, block), node-major. */
  results: Float64Array;
}

/** Builds, subtracts and scans one block. */
export function runLevelBlock(data: LevelData, job: LevelJob, block: number): void {
  const { offsets, missingBin, hist } = data;
  const { slotBases, siblingBases, stats, bounds, features, rules, blocks, results } = job;
  const from = job.blockStarts[block];
  const to = job.blockStarts[block + 1];
  buildFeatureBlock(data, slotBases, features, from, to);
  for (let t = 0; t < slotBases.length; t++) {
    const bases = siblingBases[t] < 0 ? [slotBases[t]] : [slotBases[t], siblingBases[t]];
    if (bases.length === 2) {
      subtractHistogram(hist, siblingBases[t], slotBases[t], offsets, features, from, to);
    }
    bases.forEach((base, side) => {
      const node = 2 * t + side;
      const best = noSplit();
      const grad = stats[2 * node];
      const hess = stats[2 * node + 1];
      const lower = bounds ? bounds[2 * node] : -Infinity;
      const upper = bounds ? bounds[2 * node + 1] : Infinity;
      scanFeatures(
        hist,
        base,
        offsets,
        missingBin,
        features,
        from,
        to,
        grad,
        hess,
        rules,
        best,
        lower,
        upper,
      );
      writeResult(results, (node * blocks + block) * RESULT_WIDTH, best);
    });
  }
}

/** The node's best split over every block: the first block's among equal gains. */
export function bestOfBlocks(results: Float64Array, node: number, blocks: number): SplitCandidate {
  const best = noSplit();
  for (let block = 0; block < blocks; block++) {
    const at = (node * blocks + block) * RESULT_WIDTH;
    if (results[at] < 0 || !(results[at + 3] > best.gain)) continue;
    best.feature = results[at];
    best.bin = results[at + 1];
    best.defaultLeft = results[at + 2] === 1;
    best.gain = results[at + 3];
    best.leftGrad = results[at + 4];
    best.leftHess = results[at + 5];
  }
  return best;
}

function writeResult(results: Float64Array, at: number, split: SplitCandidate): void {
  results[at] = split.feature;
  results[at + 1] = split.bin;
  results[at + 2] = split.defaultLeft ? 1 : 0;
  results[at + 3] = split.gain;
  results[at + 4] = split.leftGrad;
  results[at + 5] = split.leftHess;
}
