/**
 * Per-tree facts TreeSHAP needs once per model rather than once per row: the depth
 * (to size the path buffer) and the cover-weighted mean output (the tree's share of
 * the expected value), after checking the tree is well formed.
 */
import type { GbdtModel, Tree } from "../types.ts";

/** A tree in typed arrays, with each child's share of its parent's cover. */
export interface FlatTree {
  feature: Int32Array;
  threshold: Float64Array;
  defaultLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  /** cover[child] / cover[parent] for the left and right child of each split. */
  leftShare: Float64Array;
  rightShare: Float64Array;
}

/** The model's trees flattened, their depth, and the model's expected margin. */
export interface PreparedModel {
  trees: FlatTree[];
  maxDepth: number;
  /** baseMargin + Σ tree means: the margin when no feature is known. */
  expectedValue: number;
}

/** Checks every tree and computes the model-level quantities. */
export function prepareModel(model: GbdtModel): PreparedModel {
  let maxDepth = 0;
  let expectedValue = model.baseMargin;
  model.trees.forEach((tree, t) => {
    checkTree(tree, t, model.features.length);
    maxDepth = Math.max(maxDepth, treeDepth(tree, 0));
    expectedValue += treeMean(tree, 0);
  });
  return { trees: model.trees.map(flattenTree), maxDepth, expectedValue };
}

/** Copies a checked tree into typed arrays. */
export function flattenTree(tree: Tree): FlatTree {
  const nodes = tree.feature.length;
  const flat: FlatTree = {
    feature: new Int32Array(tree.feature),
    threshold: new Float64Array(tree.threshold),
    defaultLeft: new Uint8Array(nodes),
    left: new Int32Array(tree.left),
    right: new Int32Array(tree.right),
    value: new Float64Array(tree.value),
    leftShare: new Float64Array(nodes),
    rightShare: new Float64Array(nodes),
  };
  for (let node = 0; node < nodes; node++) {
    if (tree.feature[node] < 0) continue;
    flat.defaultLeft[node] = tree.defaultLeft[node] ? 1 : 0;
    flat.leftShare[node] = tree.cover[tree.left[node]] / tree.cover[node];
    flat.rightShare[node] = tree.cover[tree.right[node]] / tree.cover[node];
  }
  return flat;
}

/** Number of splits on the longest root-to-leaf path. */
export function treeDepth(tree: Tree, node: number): number {
  if (tree.feature[node] < 0) return 0;
  return 1 + Math.max(treeDepth(tree, tree.left[node]), treeDepth(tree, tree.right[node]));
}

/** Mean leaf value under `node`, each branch weighted by its share of the node's cover. */
export function treeMean(tree: Tree, node: number): number {
  if (tree.feature[node] < 0) return tree.value[node];
  const left = tree.left[node];
  const right = tree.right[node];
  return (tree.cover[left] * treeMean(tree, left) + tree.cover[right] * treeMean(tree, right)) /
    tree.cover[node];
}

function checkTree(tree: Tree, t: number, featureCount: number): void {
  const nodes = tree.feature.length;
  for (let node = 0; node < nodes; node++) {
    const feature = tree.feature[node];
    if (feature < 0) continue;
    if (feature >= featureCount) {
      throw new RangeError(
        `Cannot explain tree ${t}: node ${node} splits on feature ${feature} of ${featureCount}`,
      );
    }
    const { left, right } = { left: tree.left[node], right: tree.right[node] };
    if (!(left > node && left < nodes && right > node && right < nodes)) {
      throw new RangeError(
        `Cannot explain tree ${t}: node ${node} has children ${left} and ${right}`,
      );
    }
    if (!(tree.cover[node] > 0)) {
      throw new RangeError(
        `Cannot explain tree ${t}: node ${node} has cover ${tree.cover[node]}, expected > 0`,
      );
    }
  }
}
