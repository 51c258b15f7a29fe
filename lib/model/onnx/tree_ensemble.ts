/**
 * GBDT → ONNX `ai.onnx.ml.TreeEnsembleClassifier`. Our trees send a row left when
 * float32(x) < threshold and a NaN to the default side; ONNX's BRANCH_LT on a float
 * input with `nodes_missing_value_tracks_true` is the same rule, so the left child is
 * the "true" branch and defaultLeft becomes "missing tracks true".
 *
 * The float32 input is cast to double and thresholds, leaf weights and the base margin
 * go in as float64 tensors (ai.onnx.ml opset 3's `*_as_tensor` attributes): onnxruntime
 * then sums leaves in double precision as our predictor does, where float32 leaves
 * summed in float32 drift by ~1e-6 over a few hundred trees. Thresholds are float32
 * values, so comparing the widened float32 input against them decides exactly as a
 * float32 comparison would.
 */
import type { GbdtModel } from "../types.ts";
import { type AttributeValue, doubleTensor, encodeModel, node, valueInfo } from "./proto.ts";
import { plattNodes } from "./platt.ts";

/** Graph input and output names shared by every exported riskpipe model. */
export const ONNX_INPUT = "features";
export const ONNX_LABEL = "label";
export const ONNX_PROBABILITIES = "probabilities";

/** The node table of an ai.onnx.ml tree ensemble, one entry per node of every tree. */
export interface EnsembleNodes {
  treeIds: number[];
  nodeIds: number[];
  featureIds: number[];
  modes: string[];
  values: number[];
  trueIds: number[];
  falseIds: number[];
  missingTracksTrue: number[];
}

/** An empty node table. */
export function emptyEnsembleNodes(): EnsembleNodes {
  return {
    treeIds: [],
    nodeIds: [],
    featureIds: [],
    modes: [],
    values: [],
    trueIds: [],
    falseIds: [],
    missingTracksTrue: [],
  };
}

/** A binary tree in flat arrays, as the GBDT and the isolation forest store theirs. */
export interface FlatTree {
  /** Split feature of each node; negative at a leaf. */
  feature: ArrayLike<number>;
  threshold: ArrayLike<number>;
  left: ArrayLike<number>;
  right: ArrayLike<number>;
}

/** Leaves of an ensemble: `weights[k]` is the value of leaf `nodeIds[k]` of tree `treeIds[k]`. */
export interface EnsembleLeaves {
  treeIds: number[];
  nodeIds: number[];
  weights: number[];
}

/**
 * The node table and leaves of `trees`: a node goes left when x < threshold (BRANCH_LT),
 * and left on a missing value where `missingLeft(tree, node)` says so.
 */
export function ensembleTables<T extends FlatTree>(
  trees: readonly T[],
  missingLeft: (tree: T, node: number) => boolean,
  leafValue: (tree: T, node: number) => number,
): { nodes: EnsembleNodes; leaves: EnsembleLeaves } {
  const nodes = emptyEnsembleNodes();
  const leaves: EnsembleLeaves = { treeIds: [], nodeIds: [], weights: [] };
  trees.forEach((tree, t) => {
    for (let n = 0; n < tree.feature.length; n++) {
      const isLeaf = tree.feature[n] < 0;
      nodes.treeIds.push(t);
      nodes.nodeIds.push(n);
      nodes.featureIds.push(isLeaf ? 0 : tree.feature[n]);
      nodes.modes.push(isLeaf ? "LEAF" : "BRANCH_LT");
      nodes.values.push(isLeaf ? 0 : tree.threshold[n]);
      nodes.trueIds.push(isLeaf ? 0 : tree.left[n]);
      nodes.falseIds.push(isLeaf ? 0 : tree.right[n]);
      nodes.missingTracksTrue.push(!isLeaf && missingLeft(tree, n) ? 1 : 0);
      if (isLeaf) {
        leaves.treeIds.push(t);
        leaves.nodeIds.push(n);
        leaves.weights.push(leafValue(tree, n));
      }
    }
  });
  return { nodes, leaves };
}

/** The `nodes_*` attributes of TreeEnsembleClassifier / Regressor for a node table. */
export function branchAttributes(nodes: EnsembleNodes): Record<string, AttributeValue> {
  return {
    nodes_treeids: { ints: nodes.treeIds },
    nodes_nodeids: { ints: nodes.nodeIds },
    nodes_featureids: { ints: nodes.featureIds },
    nodes_modes: { strings: nodes.modes },
    nodes_values_as_tensor: { tensor: doubleTensor("nodes_values", nodes.values) },
    nodes_truenodeids: { ints: nodes.trueIds },
    nodes_falsenodeids: { ints: nodes.falseIds },
    nodes_missing_value_tracks_true: { ints: nodes.missingTracksTrue },
  };
}

/**
 * Encodes a GBDT as an ONNX model: input `features` float[N, F], outputs `label`
 * int64[N] and `probabilities` float[N, 2] (column 1 is the probability of default).
 * A model with a Platt calibration exports the same trees as a TreeEnsembleRegressor
 * (the margin) followed by the map (platt.ts): recovering the margin from a float32
 * probability would lose it wherever that probability rounds to 0 or 1.
 */
export function gbdtToOnnx(model: GbdtModel, metadata: Record<string, string> = {}): Uint8Array {
  const { nodes, leaves } = ensembleTables(
    model.trees,
    (tree, n) => Boolean(tree.defaultLeft[n]),
    (tree, n) => tree.value[n],
  );
  const widen = node("Cast", [ONNX_INPUT], ["features_f64"], { to: { int: 11 } }); // DOUBLE
  const branches = branchAttributes(nodes);
  const calibration = model.calibration;
  const ensemble = calibration === undefined
    ? [node("TreeEnsembleClassifier", ["features_f64"], [ONNX_LABEL, ONNX_PROBABILITIES], {
      ...branches,
      class_treeids: { ints: leaves.treeIds },
      class_nodeids: { ints: leaves.nodeIds },
      class_ids: { ints: leaves.treeIds.map(() => 0) },
      class_weights_as_tensor: { tensor: doubleTensor("class_weights", leaves.weights) },
      classlabels_int64s: { ints: [0, 1] },
      base_values_as_tensor: { tensor: doubleTensor("base_values", [model.baseMargin]) },
      post_transform: { string: "LOGISTIC" },
    }, "ai.onnx.ml")]
    : [node("TreeEnsembleRegressor", ["features_f64"], ["trees_margin"], {
      ...branches,
      target_treeids: { ints: leaves.treeIds },
      target_nodeids: { ints: leaves.nodeIds },
      target_ids: { ints: leaves.treeIds.map(() => 0) },
      target_weights_as_tensor: { tensor: doubleTensor("target_weights", leaves.weights) },
      n_targets: { int: 1 },
      aggregate_function: { string: "SUM" },
      base_values_as_tensor: { tensor: doubleTensor("base_values", [model.baseMargin]) },
      post_transform: { string: "NONE" },
    }, "ai.onnx.ml")];
  const platt = calibration === undefined
    ? { nodes: [], initializers: [], valueInfo: [] }
    : plattNodes(calibration, "trees_margin", ONNX_LABEL, ONNX_PROBABILITIES);
  return encodeModel({
    graphName: "riskpipe_gbdt",
    nodes: [widen, ...ensemble, ...platt.nodes],
    initializers: platt.initializers,
    valueInfo: platt.valueInfo,
    inputs: [valueInfo(ONNX_INPUT, "float", ["N", model.features.length])],
    outputs: [
      valueInfo(ONNX_LABEL, "int64", ["N"]),
      valueInfo(ONNX_PROBABILITIES, "float", ["N", 2]),
    ],
    metadata: {
      features: JSON.stringify(model.features.map((f) => f.name)),
      ...(calibration === undefined ? {} : { calibration: JSON.stringify(calibration) }),
      ...metadata,
    },
  });
}
