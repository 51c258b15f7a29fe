/**
 * Test and bench fixtures for TreeSHAP: seeded random trees with consistent covers,
 * a reference margin walk, and a brute-force Shapley oracle over all feature subsets.
 */
import type { Rng } from "../../../lib/random/mod.ts";
import type { FeatureSpec, GbdtModel, Tree } from "../../../lib/model/types.ts";
import { createEmptyTree } from "../../../lib/model/tree.ts";

/** Shape of a random tree. */
export interface RandomTreeOptions {
  maxDepth: number;
  /** Features a split may use: indices 0..features-1. */
  features: number;
  /** Chance that a node above maxDepth becomes a leaf anyway. */
  leafProbability: number;
}

/** A random tree whose children's covers add up to their parent's. */
export function randomTree(rng: Rng, options: RandomTreeOptions): Tree {
  const tree: Tree = createEmptyTree();
  const grow = (depth: number, cover: number): number => {
    const node = tree.feature.length;
    const leaf = depth === options.maxDepth ||
      (depth > 0 && rng.float() < options.leafProbability);
    tree.feature.push(leaf ? -1 : rng.int(0, options.features - 1));
    tree.threshold.push(leaf ? 0 : Math.fround(rng.normal()));
    tree.defaultLeft.push(leaf ? false : rng.bernoulli(0.5));
    tree.left.push(-1);
    tree.right.push(-1);
    tree.value.push(leaf ? rng.normal() * 0.1 : 0);
    tree.cover.push(cover);
    tree.gain.push(leaf ? 0 : rng.float());
    if (!leaf) {
      const leftCover = cover * (0.1 + 0.8 * rng.float());
      tree.left[node] = grow(depth + 1, leftCover);
      tree.right[node] = grow(depth + 1, cover - leftCover);
    }
    return node;
  };
  grow(0, 100 + 1000 * rng.float());
  return tree;
}

/** A model of `trees` random trees over `features` numeric features. */
export function randomModel(
  rng: Rng,
  trees: number,
  features: number,
  options: Partial<RandomTreeOptions> = {},
): GbdtModel {
  const specs: FeatureSpec[] = Array.from({ length: features }, (_, j) => ({
    name: `f${j}`,
    type: "numeric",
  }));
  const treeOptions = { maxDepth: 4, features, leafProbability: 0.2, ...options };
  return {
    format: "riskpipe.gbdt",
    formatVersion: 1,
    objective: "binary:logistic",
    baseMargin: rng.normal(),
    features: specs,
    trees: Array.from({ length: trees }, () => randomTree(rng, treeOptions)),
    params: {},
  };
}

/** A random row of standard normal values, each missing with probability `missing`. */
export function randomRow(rng: Rng, features: number, missing: number): Float64Array {
  const row = new Float64Array(features);
  for (let j = 0; j < features; j++) row[j] = rng.bernoulli(missing) ? NaN : rng.normal();
  return row;
}

/** The margin by walking each tree as prediction does. */
export function referenceMargin(model: GbdtModel, values: ArrayLike<number>): number {
  let margin = model.baseMargin;
  for (const tree of model.trees) {
    let node = 0;
    while (tree.feature[node] >= 0) {
      const x = values[tree.feature[node]];
      const goLeft = Number.isNaN(x)
        ? tree.defaultLeft[node]
        : Math.fround(x) < tree.threshold[node];
      node = goLeft ? tree.left[node] : tree.right[node];
    }
    margin += tree.value[node];
  }
  return margin;
}

/**
 * Expected margin when only the features in `known` (a bit mask) are known: known
 * features follow the row's path, unknown ones split by cover.
 */
export function conditionalMargin(
  model: GbdtModel,
  values: ArrayLike<number>,
  known: number,
): number {
  const visit = (tree: Tree, node: number): number => {
    const feature = tree.feature[node];
    if (feature < 0) return tree.value[node];
    const left = tree.left[node];
    const right = tree.right[node];
    if (known & (1 << feature)) {
      const x = values[feature];
      const goLeft = Number.isNaN(x)
        ? tree.defaultLeft[node]
        : Math.fround(x) < tree.threshold[node];
      return visit(tree, goLeft ? left : right);
    }
    return (tree.cover[left] * visit(tree, left) + tree.cover[right] * visit(tree, right)) /
      tree.cover[node];
  };
  let margin = model.baseMargin;
  for (const tree of model.trees) margin += visit(tree, 0);
  return margin;
}

/** Shapley values by enumerating every subset (feasible for ≤ ~10 features). */
export function bruteForceShap(model: GbdtModel, values: ArrayLike<number>): Float64Array {
  const m = model.features.length;
  const factorial = [1];
  for (let k = 1; k <= m; k++) factorial.push(factorial[k - 1] * k);
  const v = new Float64Array(1 << m);
  for (let mask = 0; mask < 1 << m; mask++) v[mask] = conditionalMargin(model, values, mask);
  const phi = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    for (let mask = 0; mask < 1 << m; mask++) {
      if (mask & (1 << i)) continue;
      let size = 0;
      for (let b = 0; b < m; b++) size += (mask >> b) & 1;
      const weight = (factorial[size] * factorial[m - size - 1]) / factorial[m];
      phi[i] += weight * (v[mask | (1 << i)] - v[mask]);
    }
  }
  return phi;
}
