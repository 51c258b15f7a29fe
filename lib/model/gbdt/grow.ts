/**
 * Grows one tree on the current gradients, depth-wise (level by level, one histogram
 * batch per level) or leaf-wise (always the open leaf with the largest gain). Every
 * split builds the histogram of its smaller child and derives the larger one by
 * subtraction from the parent's.
 */
import type { Tree } from "../types.ts";
import type { BinnedData } from "./binned.ts";
import { FLOAT32_MAX } from "./binning.ts";
import type { HistogramTask } from "./histogram.ts";
import { boundedWeight, childBounds, type MonotoneVector } from "./monotone.ts";
import type { HistogramPool, PartitionTask } from "./pool.ts";
import { noSplit, type SplitCandidate } from "./split.ts";
import { createTreeBuilder, type TreeBuilder } from "./tree_builder.ts";

/** Shared state a tree grows over. */
export interface GrowContext {
  binned: BinnedData;
  /** Row index; the tree's rows are index[0..rowCount), ascending. */
  index: Uint32Array;
  /** Per-row interleaved (grad, hess). */
  gradients: Float64Array;
  pool: HistogramPool;
  rules: GrowRules;
}

/** The growth parameters, in XGBoost's meaning. */
export interface GrowRules {
  policy: "depthwise" | "lossguide";
  /** 0 = unlimited. */
  maxDepth: number;
  /** 0 = unlimited. */
  maxLeaves: number;
  learningRate: number;
  lambda: number;
  minChildWeight: number;
  minSplitGain: number;
  /** Per feature position 1, -1 or 0; absent when nothing is constrained. */
  monotone?: MonotoneVector;
}

/** A grown tree, its split bins, and the index range of every leaf. */
export interface GrownTree {
  tree: Tree;
  splitBin: number[];
  /** Triples (leaf node, start, end) over the row index. */
  leafRanges: number[];
}

// Gains this small are rounding noise, not structure (XGBoost's kRtEps).
const MIN_GAIN = 1e-6;

interface OpenNode {
  id: number;
  start: number;
  end: number;
  depth: number;
  grad: number;
  hess: number;
  /** Bounds of the node's weight (monotone constraints; infinite otherwise). */
  lower: number;
  upper: number;
  slot: number;
  split: SplitCandidate;
}

/** Grows a tree over the first rowCount rows of the index, using the given features. */
export async function growTree(
  context: GrowContext,
  rowCount: number,
  features: Int32Array,
): Promise<GrownTree> {
  const { gradients, index, rules } = context;
  let grad = 0;
  let hess = 0;
  for (let k = 0; k < rowCount; k++) {
    grad += gradients[2 * index[k]];
    hess += gradients[2 * index[k] + 1];
  }
  const builder = createTreeBuilder();
  const leafRanges: number[] = [];
  const root: OpenNode = {
    id: builder.addNode(hess),
    start: 0,
    end: rowCount,
    depth: 0,
    grad,
    hess,
    lower: -Infinity,
    upper: Infinity,
    slot: -1,
    split: noSplit(),
  };
  const grower = { context, builder, leafRanges, features };
  if (!canDeepen(rules, 0)) closeLeaf(grower, root);
  else {
    root.slot = context.pool.alloc();
    const [splits] = await context.pool.build(
      [{ start: 0, end: rowCount, slot: root.slot, grad, hess }],
      features,
    );
    root.split = splits.split;
    if (rules.policy === "depthwise") await growDepthwise(grower, root);
    else await growLossguide(grower, root);
  }
  return { tree: builder.tree, splitBin: builder.splitBin, leafRanges };
}

interface Grower {
  context: GrowContext;
  builder: TreeBuilder;
  leafRanges: number[];
  features: Int32Array;
}

async function growDepthwise(grower: Grower, root: OpenNode): Promise<void> {
  const { rules } = grower.context;
  let level = [root];
  let leaves = 1;
  while (level.length > 0) {
    const next: OpenNode[] = [];
    const pairs: [OpenNode, OpenNode][] = [];
    const splitting: OpenNode[] = [];
    for (const node of level) {
      const withinLeaves = rules.maxLeaves === 0 || leaves < rules.maxLeaves;
      if (!worthSplitting(rules, node) || !withinLeaves) {
        closeLeaf(grower, node);
        continue;
      }
      leaves++;
      splitting.push(node);
    }
    const mids = await grower.context.pool.partition(splitting.map(partitionTaskOf));
    splitting.forEach((node, i) => {
      const children = split(grower, node, mids[i]);
      if (children) {
        pairs.push(children);
        next.push(...children);
      }
    });
    await buildChildren(grower, pairs);
    level = next;
  }
}

async function growLossguide(grower: Grower, root: OpenNode): Promise<void> {
  const { rules } = grower.context;
  const open: OpenNode[] = [root];
  let leaves = 1;
  while (rules.maxLeaves === 0 || leaves < rules.maxLeaves) {
    let bestAt = -1;
    for (let i = 0; i < open.length; i++) {
      if (!worthSplitting(rules, open[i])) continue;
      if (bestAt < 0 || open[i].split.gain > open[bestAt].split.gain) bestAt = i;
    }
    if (bestAt < 0) break;
    const [node] = open.splice(bestAt, 1);
    leaves++;
    const [mid] = await grower.context.pool.partition([partitionTaskOf(node)]);
    const children = split(grower, node, mid);
    if (!children) continue;
    await buildChildren(grower, [children]);
    for (const child of children) {
      if (worthSplitting(rules, child)) open.push(child);
      else closeLeaf(grower, child);
    }
  }
  for (const node of open) closeLeaf(grower, node);
}

function canDeepen(rules: GrowRules, depth: number): boolean {
  return rules.maxDepth === 0 || depth < rules.maxDepth;
}

function worthSplitting(rules: GrowRules, node: OpenNode): boolean {
  const { split } = node;
  return split.feature >= 0 && split.gain > MIN_GAIN && split.gain >= rules.minSplitGain;
}

function partitionTaskOf(node: OpenNode): PartitionTask {
  const { feature, bin, defaultLeft } = node.split;
  return { start: node.start, end: node.end, feature, bin, defaultLeft };
}

/**
 * Splits the node, whose rows are partitioned at `mid`. Returns the children when they may split further (their
 * histograms still to build, the larger one holding the parent's slot); otherwise
 * closes both as leaves and returns undefined.
 */
function split(grower: Grower, node: OpenNode, mid: number): [OpenNode, OpenNode] | undefined {
  const { binned, pool, rules } = grower.context;
  const { builder } = grower;
  const s = node.split;
  const depth = node.depth + 1;
  const rightGrad = node.grad - s.leftGrad;
  const rightHess = node.hess - s.leftHess;
  const bounds = childBounds(
    rules.monotone?.[s.feature] ?? 0,
    node.lower,
    node.upper,
    boundedWeight(s.leftGrad, s.leftHess, rules.lambda, node.lower, node.upper),
    boundedWeight(rightGrad, rightHess, rules.lambda, node.lower, node.upper),
  );
  const left: OpenNode = {
    id: builder.addNode(s.leftHess),
    start: node.start,
    end: mid,
    depth,
    grad: s.leftGrad,
    hess: s.leftHess,
    lower: bounds.leftLower,
    upper: bounds.leftUpper,
    slot: -1,
    split: noSplit(),
  };
  const right: OpenNode = {
    id: builder.addNode(rightHess),
    start: mid,
    end: node.end,
    depth,
    grad: rightGrad,
    hess: rightHess,
    lower: bounds.rightLower,
    upper: bounds.rightUpper,
    slot: -1,
    split: noSplit(),
  };
  // Bin -1 sends every value right; -FLOAT32_MAX is below every finite float32.
  const threshold = s.bin < 0 ? -FLOAT32_MAX : binned.cuts[s.feature][s.bin];
  builder.setSplit(node.id, { ...s, threshold }, left.id, right.id);
  if (canDeepen(rules, depth)) {
    const leftSmaller = mid - node.start <= node.end - mid;
    const larger = leftSmaller ? right : left;
    larger.slot = node.slot;
    return [left, right];
  }
  pool.free(node.slot);
  closeLeaf(grower, left);
  closeLeaf(grower, right);
  return undefined;
}

/**
 * Builds each pair's smaller child, derives the larger by subtraction, and sets both
 * children's best splits.
 */
async function buildChildren(grower: Grower, pairs: [OpenNode, OpenNode][]): Promise<void> {
  const { pool } = grower.context;
  const tasks: HistogramTask[] = [];
  const order: [OpenNode, OpenNode][] = [];
  for (const [left, right] of pairs) {
    const [small, large] = left.slot < 0 ? [left, right] : [right, left];
    small.slot = pool.alloc();
    tasks.push({
      start: small.start,
      end: small.end,
      slot: small.slot,
      grad: small.grad,
      hess: small.hess,
      bounds: { lower: small.lower, upper: small.upper },
      sibling: {
        slot: large.slot,
        grad: large.grad,
        hess: large.hess,
        bounds: { lower: large.lower, upper: large.upper },
      },
    });
    order.push([small, large]);
  }
  const splits = await pool.build(tasks, grower.features);
  order.forEach(([small, large], i) => {
    small.split = splits[i].split;
    large.split = splits[i].sibling ?? noSplit();
  });
}

function closeLeaf(grower: Grower, node: OpenNode): void {
  const { rules, pool } = grower.context;
  const weight = boundedWeight(node.grad, node.hess, rules.lambda, node.lower, node.upper);
  grower.builder.setLeaf(node.id, weight * rules.learningRate);
  grower.leafRanges.push(node.id, node.start, node.end);
  if (node.slot >= 0) {
    pool.free(node.slot);
    node.slot = -1;
  }
}
