/**
 * Appends nodes to the flat Tree arrays while a tree grows, and remembers each split's
 * bin so the training rows can be routed without their raw values.
 */
import type { Tree } from "../types.ts";
import { createEmptyTree } from "../tree.ts";

/** A tree under construction plus the bin of each split. */
export interface TreeBuilder {
  tree: Tree;
  /** Split bin per node (rows with bin <= it go left); -1 on leaves. */
  splitBin: number[];
  /** Adds a node (a leaf until split) with its hessian sum and returns its index. */
  addNode(cover: number): number;
  setSplit(
    node: number,
    split: { feature: number; threshold: number; bin: number; defaultLeft: boolean; gain: number },
    left: number,
    right: number,
  ): void;
  setLeaf(node: number, value: number): void;
}

/** Starts an empty tree. */
export function createTreeBuilder(): TreeBuilder {
  const tree: Tree = createEmptyTree();
  const splitBin: number[] = [];
  return {
    tree,
    splitBin,
    addNode(cover) {
      tree.feature.push(-1);
      tree.threshold.push(0);
      tree.defaultLeft.push(false);
      tree.left.push(-1);
      tree.right.push(-1);
      tree.value.push(0);
      tree.cover.push(cover);
      tree.gain.push(0);
      splitBin.push(-1);
      return tree.feature.length - 1;
    },
    setSplit(node, split, left, right) {
      tree.feature[node] = split.feature;
      tree.threshold[node] = split.threshold;
      tree.defaultLeft[node] = split.defaultLeft;
      tree.gain[node] = split.gain;
      tree.left[node] = left;
      tree.right[node] = right;
      splitBin[node] = split.bin;
    },
    setLeaf(node, value) {
      tree.value[node] = value;
    },
  };
}
