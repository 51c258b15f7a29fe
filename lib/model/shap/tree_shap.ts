/**
 * Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2): SHAP values
 * of a tree ensemble's margin in O(T·L·D²), where the value of a feature subset is the
 * tree's output with the other features integrated out along cover-weighted branches.
 */
import type { GbdtModel } from "../types.ts";
import {
  copyPath,
  createPathBuffer,
  extendPath,
  type PathBuffer,
  unwindPath,
  unwoundPathSum,
} from "./path.ts";
import { type FlatTree, prepareModel } from "./prepare.ts";

/** SHAP values of one row, in margin (log-odds) space. */
export interface RowShap {
  /** Margin with no feature known: baseMargin + Σ cover-weighted tree means. */
  expectedValue: number;
  /** One value per model feature; expectedValue + Σ shap equals the row's margin. */
  shap: Float64Array;
}

/** Explains rows of one model, reusing its prepared trees and path buffer. */
export interface TreeExplainer {
  expectedValue: number;
  /** Adds the SHAP values of `values` (indexed by feature, NaN = missing) into `phi`. */
  accumulate(values: ArrayLike<number>, phi: Float64Array): void;
}

/** Prepares `model` once for many rows. */
export function createTreeExplainer(model: GbdtModel): TreeExplainer {
  const { trees, maxDepth, expectedValue } = prepareModel(model);
  const walk: Walk = {
    tree: trees[0],
    values: [],
    phi: new Float64Array(0),
    path: createPathBuffer(maxDepth),
  };
  return {
    expectedValue,
    accumulate(values, phi) {
      walk.values = values;
      walk.phi = phi;
      for (const tree of trees) {
        walk.tree = tree;
        recurse(walk, 0, 0, 0, 1, 1, -1);
      }
    },
  };
}

// Models are treated as immutable once trained, so one explainer per model object is
// prepared on first use and reused by later rows (the /explain endpoint's case).
const explainers = new WeakMap<GbdtModel, TreeExplainer>();

function cachedExplainer(model: GbdtModel): TreeExplainer {
  let explainer = explainers.get(model);
  if (!explainer) {
    explainer = createTreeExplainer(model);
    explainers.set(model, explainer);
  }
  return explainer;
}

/**
 * SHAP values of one row; missing values (NaN) follow each split's default side. The
 * model is prepared once per model object and reused; do not mutate it afterwards.
 * @example
 * ```ts
 * import { treeShap } from "./tree_shap.ts";
 * import { trainGbdt } from "../gbdt/train.ts";
 * import { makeSyntheticDataset } from "../gbdt/synthetic.ts";
 * const train = makeSyntheticDataset({ rows: 100, features: 3, seed: 1 });
 * const model = await trainGbdt(train, { max_depth: 2, n_rounds: 5 });
 * // expectedValue + Σ shap is the row's margin (to rounding)
 * const { expectedValue, shap } = treeShap(model, [0.1, 0.2, 0.3]);
 * if (shap.length !== 3 || !Number.isFinite(expectedValue)) throw new Error("expected 3 values");
 * ```
 */
export function treeShap(model: GbdtModel, values: ArrayLike<number>): RowShap {
  if (values.length !== model.features.length) {
    throw new RangeError(
      `Cannot explain row: it has ${values.length} values but the model has ${model.features.length} features`,
    );
  }
  const explainer = cachedExplainer(model);
  const shap = new Float64Array(model.features.length);
  explainer.accumulate(values, shap);
  return { expectedValue: explainer.expectedValue, shap };
}

interface Walk {
  tree: FlatTree;
  values: ArrayLike<number>;
  phi: Float64Array;
  path: PathBuffer;
}

/** The child a row follows at an internal node, as prediction does. */
function goesLeft(tree: FlatTree, node: number, values: ArrayLike<number>): boolean {
  const x = values[tree.feature[node]];
  if (Number.isNaN(x)) return tree.defaultLeft[node] === 1;
  return Math.fround(x) < tree.threshold[node];
}

function recurse(
  walk: Walk,
  node: number,
  depth: number,
  parentStart: number,
  zeroFraction: number,
  oneFraction: number,
  feature: number,
): void {
  const { tree, path } = walk;
  // Each level works on its own copy of the parent's path, right after the parent's.
  const start = parentStart + depth + (depth === 0 ? 1 : 0);
  if (depth > 0) copyPath(path, parentStart, start, depth);
  extendPath(path, start, depth, zeroFraction, oneFraction, feature);

  const split = tree.feature[node];
  if (split < 0) {
    const value = tree.value[node];
    for (let i = 1; i <= depth; i++) {
      const w = unwoundPathSum(path, start, depth, i);
      walk.phi[path.feature[start + i]] += w *
        (path.oneFraction[start + i] - path.zeroFraction[start + i]) * value;
    }
    return;
  }

  const left = goesLeft(tree, node, walk.values);
  const hot = left ? tree.left[node] : tree.right[node];
  const cold = left ? tree.right[node] : tree.left[node];
  let incomingZero = 1;
  let incomingOne = 1;
  // A feature split on again is unwound so the path holds each feature once.
  let pathIndex = 0;
  while (pathIndex <= depth && path.feature[start + pathIndex] !== split) pathIndex++;
  let nextDepth = depth;
  if (pathIndex <= depth) {
    incomingZero = path.zeroFraction[start + pathIndex];
    incomingOne = path.oneFraction[start + pathIndex];
    unwindPath(path, start, depth, pathIndex);
    nextDepth--;
  }
  const hotZero = (left ? tree.leftShare[node] : tree.rightShare[node]) * incomingZero;
  const coldZero = (left ? tree.rightShare[node] : tree.leftShare[node]) * incomingZero;
  recurse(walk, hot, nextDepth + 1, start, hotZero, incomingOne, split);
  recurse(walk, cold, nextDepth + 1, start, coldZero, 0, split);
}
