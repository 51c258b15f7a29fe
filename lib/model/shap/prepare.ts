/**
 * Per-tree facts TreeSHAP needs once per model rather than once per row: the depth
 * (to size the path buffer) and the cover-weighted mean output (the tree's share of
 * the expected value), after checking the tree is well formed.
 */
import type { GbdtModel, Tree } from "../types.ts";

/** Depth and mean output of each tree, and the model's expected margin. */
export interface PreparedModel {
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
  return { maxDepth, expectedValue };
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
