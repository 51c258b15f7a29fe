/**
 * The isolation forest (Liu, Ting and Zhou, 2008): trees grown on small row samples by
 * random splits, a row's score 2^(−E[h]/c(ψ)) from its mean path length E[h]. Features are
 * compared as float32, as the ONNX graph sees them. A missing value goes, at every split,
 * to the side that received more of the node's non-missing sample rows (chosen at fit,
 * stored per node): a missing value is treated as the common case, not as isolated.
 */
import type { Dataset } from "../types.ts";
import type { Rng } from "../../random/mod.ts";
import type { IsolationForest, IsolationTree } from "./types.ts";

const EULER_GAMMA = 0.5772156649015329;

/**
 * c(n): the mean path length of an unsuccessful search in a binary search tree of n
 * rows, the normaliser of path lengths (c(1) = 0, c(2) = 1).
 */
export function averagePathLength(n: number): number {
  if (n <= 1) return 0;
  if (n === 2) return 1;
  return 2 * (Math.log(n - 1) + EULER_GAMMA) - (2 * (n - 1)) / n;
}

/** Options of {@link fitIsolationForest}. */
export interface IsolationForestOptions {
  trees: number;
  sampleSize: number;
  rng: Rng;
}

/** Grows an isolation forest on every column of `data`. */
export function fitIsolationForest(
  data: Dataset,
  options: IsolationForestOptions,
): IsolationForest {
  const psi = Math.min(options.sampleSize, data.rows);
  if (psi < 2) {
    throw new RangeError(`Cannot fit the isolation forest: ${data.rows} training rows (need 2)`);
  }
  const heightLimit = Math.ceil(Math.log2(psi));
  const order = Uint32Array.from({ length: data.rows }, (_, i) => i);
  const featureOrder = Int32Array.from({ length: data.columns.length }, (_, j) => j);
  const trees: IsolationTree[] = [];
  for (let t = 0; t < options.trees; t++) {
    // Partial Fisher–Yates: the first ψ entries become a uniform sample without replacement.
    for (let i = 0; i < psi; i++) {
      const k = options.rng.int(i, data.rows - 1);
      const swap = order[i];
      order[i] = order[k];
      order[k] = swap;
    }
    const rows = order.slice(0, psi);
    const grower = { data, rows, rng: options.rng, heightLimit, featureOrder, tree: emptyTree() };
    growNode(grower, 0, psi, 0);
    trees.push(grower.tree);
  }
  return { trees, sampleSize: psi };
}

interface Grower {
  data: Dataset;
  rows: Uint32Array;
  rng: Rng;
  heightLimit: number;
  featureOrder: Int32Array;
  tree: IsolationTree;
}

function emptyTree(): IsolationTree {
  return { feature: [], threshold: [], missingLeft: [], left: [], right: [], pathLength: [] };
}

function addNode(tree: IsolationTree): number {
  tree.feature.push(-1);
  tree.threshold.push(0);
  tree.missingLeft.push(false);
  tree.left.push(-1);
  tree.right.push(-1);
  tree.pathLength.push(0);
  return tree.feature.length - 1;
}

/** Grows the node over rows[lo, hi) at `depth`; returns its index. */
function growNode(g: Grower, lo: number, hi: number, depth: number): number {
  const at = addNode(g.tree);
  const n = hi - lo;
  const split = n > 1 && depth < g.heightLimit ? drawSplit(g, lo, hi) : undefined;
  if (split === undefined) {
    g.tree.pathLength[at] = depth + averagePathLength(n);
    return at;
  }
  const { feature, threshold } = split;
  const column = g.data.columns[feature];
  // Order rows[lo, hi) as: left (x < t), missing, right (x ≥ t).
  const left: number[] = [];
  const missing: number[] = [];
  const right: number[] = [];
  for (let i = lo; i < hi; i++) {
    const x = column[g.rows[i]];
    if (Number.isNaN(x)) missing.push(g.rows[i]);
    else (Math.fround(x) < threshold ? left : right).push(g.rows[i]);
  }
  const missingLeft = left.length >= right.length;
  const leftRows = missingLeft ? left.concat(missing) : left;
  const rightRows = missingLeft ? right : missing.concat(right);
  g.rows.set(leftRows, lo);
  g.rows.set(rightRows, lo + leftRows.length);
  g.tree.feature[at] = feature;
  g.tree.threshold[at] = threshold;
  g.tree.missingLeft[at] = missingLeft;
  const mid = lo + leftRows.length;
  g.tree.left[at] = growNode(g, lo, mid, depth + 1);
  g.tree.right[at] = growNode(g, mid, hi, depth + 1);
  return at;
}

/**
 * A random feature that varies among the node's non-missing rows (features drawn without
 * replacement until one does) and a threshold uniform between its min and max; undefined
 * when none varies.
 */
function drawSplit(g: Grower, lo: number, hi: number) {
  const order = g.featureOrder;
  for (let k = 0; k < order.length; k++) {
    const pick = g.rng.int(k, order.length - 1);
    const feature = order[pick];
    order[pick] = order[k];
    order[k] = feature;
    const column = g.data.columns[feature];
    let min = Infinity;
    let max = -Infinity;
    for (let i = lo; i < hi; i++) {
      const x = Math.fround(column[g.rows[i]]);
      if (x < min) min = x;
      if (x > max) max = x;
    }
    if (!(max > min)) continue; // constant or all missing
    let threshold = Math.fround(min + g.rng.float() * (max - min));
    if (!(threshold > min)) threshold = max; // rounding landed on min: keep both sides non-empty
    return { feature, threshold };
  }
  return undefined;
}

/** Path length in `tree` of the row given by its feature accessor (a NaN follows `missingLeft`). */
export function pathLengthOf(tree: IsolationTree, value: (feature: number) => number): number {
  let at = 0;
  while (tree.feature[at] >= 0) {
    const x = value(tree.feature[at]);
    const goLeft = Number.isNaN(x) ? tree.missingLeft[at] : Math.fround(x) < tree.threshold[at];
    at = goLeft ? tree.left[at] : tree.right[at];
  }
  return tree.pathLength[at];
}

/**
 * Isolation score 2^(−E[h]/c(ψ)) of each row of `data`. Rows are copied to float32
 * row-major blocks first: a row's values then sit in cache while every tree walks it
 * (walking the columns directly missed the cache at nearly every node).
 */
export function isolationScores(forest: IsolationForest, data: Dataset): Float64Array {
  const out = new Float64Array(data.rows);
  const width = data.columns.length;
  const block = 1024;
  const values = new Float32Array(block * width);
  const k = isolationExponent(forest.sampleSize);
  const trees = forest.trees.length;
  for (let start = 0; start < data.rows; start += block) {
    const end = Math.min(data.rows, start + block);
    for (let j = 0; j < width; j++) {
      const column = data.columns[j];
      for (let i = start; i < end; i++) values[(i - start) * width + j] = column[i];
    }
    for (let i = start; i < end; i++) {
      const base = (i - start) * width;
      let sum = 0;
      for (const tree of forest.trees) {
        const { feature, threshold, missingLeft, left, right } = tree;
        let at = 0;
        while (feature[at] >= 0) {
          const x = values[base + feature[at]];
          const goLeft = x !== x ? missingLeft[at] : x < threshold[at];
          at = goLeft ? left[at] : right[at];
        }
        sum += tree.pathLength[at];
      }
      out[i] = Math.exp((sum / trees) * k);
    }
  }
  return out;
}

/** Isolation score of one row given by its feature accessor. */
export function isolationScoreOf(
  forest: IsolationForest,
  value: (feature: number) => number,
): number {
  let sum = 0;
  for (const tree of forest.trees) sum += pathLengthOf(tree, value);
  return isolationScoreOfMeanPath(sum / forest.trees.length, forest.sampleSize);
}

/** 2^(−E[h]/c(ψ)) for the mean path length E[h]. */
export function isolationScoreOfMeanPath(meanPath: number, sampleSize: number): number {
  return Math.exp(meanPath * isolationExponent(sampleSize));
}

/** k with 2^(−E/c(ψ)) = exp(k · E): the factor the ONNX graph multiplies by too. */
export function isolationExponent(sampleSize: number): number {
  return -Math.LN2 / averagePathLength(sampleSize);
}
