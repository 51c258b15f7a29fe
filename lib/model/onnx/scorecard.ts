/**
 * Scorecard → ONNX `ai.onnx.ml.TreeEnsembleClassifier`: one tree per model feature, a
 * step function of that feature alone. The root sends NaN to the missing bin's leaf
 * (BRANCH_LT against −∞ is false for every value, and a missing value tracks true); below
 * it a balanced tree of BRANCH_LT splits on the bin cuts finds the value's interval,
 * adjacent intervals of one bin sharing a leaf. Leaves hold coefⱼ·WOEⱼ(bin), the base value
 * is the intercept and LOGISTIC turns the sum into the probability of default, as the
 * TypeScript predictor does. Inputs are widened to double and weights are float64
 * tensors, as for the GBDT (see tree_ensemble.ts).
 */
import type { ScorecardModel } from "../scorecard/types.ts";
import { doubleTensor, encodeModel, node, valueInfo } from "./proto.ts";
import {
  branchAttributes,
  emptyEnsembleNodes,
  type EnsembleNodes,
  ONNX_INPUT,
  ONNX_LABEL,
  ONNX_PROBABILITIES,
} from "./tree_ensemble.ts";

interface Nodes extends EnsembleNodes {
  leafTreeIds: number[];
  leafNodeIds: number[];
  leafWeights: number[];
}

/**
 * Encodes a scorecard as an ONNX model: input `features` float[N, F], outputs `label`
 * int64[N] and `probabilities` float[N, 2] (column 1 is the probability of default).
 * @example
 * ```ts
 * import { scorecardToOnnx } from "./scorecard.ts";
 * import { fitScorecard } from "../scorecard/fit.ts";
 * import { makeSyntheticDataset } from "../gbdt/synthetic.ts";
 * const card = fitScorecard(makeSyntheticDataset({ rows: 500, features: 3, seed: 1 }));
 * const bytes = scorecardToOnnx(card, { version: "v0003" });
 * if (bytes.length === 0) throw new Error("expected ONNX bytes");
 * ```
 */
export function scorecardToOnnx(
  model: ScorecardModel,
  metadata: Record<string, string> = {},
): Uint8Array {
  const nodes: Nodes = {
    ...emptyEnsembleNodes(),
    leafTreeIds: [],
    leafNodeIds: [],
    leafWeights: [],
  };
  let tree = 0;
  model.binning.forEach((binning, feature) => {
    if (!model.included[feature]) return;
    const weightOf = (bin: number) => model.coefficients[feature] * binning.woe[bin];
    // Runs of adjacent intervals in one bin become one step.
    const stepCuts: number[] = [];
    const stepWeights = [weightOf(binning.intervalBin[0])];
    for (let k = 0; k < binning.cuts.length; k++) {
      if (binning.intervalBin[k + 1] === binning.intervalBin[k]) continue;
      stepCuts.push(binning.cuts[k]);
      stepWeights.push(weightOf(binning.intervalBin[k + 1]));
    }
    const builder = { nodes, tree, feature, next: 0 };
    const root = addNode(builder);
    const missing = addLeaf(builder, weightOf(binning.count.length - 1));
    const values = addSteps(builder, stepCuts, stepWeights, 0, stepWeights.length - 1);
    setBranch(nodes, root, feature, -Infinity, missing, values, true);
    tree++;
  });
  if (tree === 0) {
    throw new RangeError("Cannot export scorecard to ONNX: no feature is in the model");
  }
  const widen = node("Cast", [ONNX_INPUT], ["features_f64"], { to: { int: 11 } }); // DOUBLE
  const classifier = node(
    "TreeEnsembleClassifier",
    ["features_f64"],
    [ONNX_LABEL, ONNX_PROBABILITIES],
    {
      ...branchAttributes(nodes),
      class_treeids: { ints: nodes.leafTreeIds },
      class_nodeids: { ints: nodes.leafNodeIds },
      class_ids: { ints: nodes.leafTreeIds.map(() => 0) },
      class_weights_as_tensor: { tensor: doubleTensor("class_weights", nodes.leafWeights) },
      classlabels_int64s: { ints: [0, 1] },
      base_values_as_tensor: { tensor: doubleTensor("base_values", [model.intercept]) },
      post_transform: { string: "LOGISTIC" },
    },
    "ai.onnx.ml",
  );
  return encodeModel({
    graphName: "riskpipe_scorecard",
    nodes: [widen, classifier],
    inputs: [valueInfo(ONNX_INPUT, "float", ["N", model.features.length])],
    outputs: [
      valueInfo(ONNX_LABEL, "int64", ["N"]),
      valueInfo(ONNX_PROBABILITIES, "float", ["N", 2]),
    ],
    metadata: { features: JSON.stringify(model.features.map((f) => f.name)), ...metadata },
  });
}

interface TreeBuilder {
  nodes: Nodes;
  tree: number;
  feature: number;
  next: number;
}

/** Appends a node (a leaf until `setBranch` makes it a split) and returns its index in the arrays. */
function addNode(builder: TreeBuilder): number {
  const { nodes } = builder;
  nodes.treeIds.push(builder.tree);
  nodes.nodeIds.push(builder.next++);
  nodes.featureIds.push(0);
  nodes.modes.push("LEAF");
  nodes.values.push(0);
  nodes.trueIds.push(0);
  nodes.falseIds.push(0);
  nodes.missingTracksTrue.push(0);
  return nodes.treeIds.length - 1;
}

function addLeaf(builder: TreeBuilder, weight: number): number {
  const at = addNode(builder);
  builder.nodes.leafTreeIds.push(builder.tree);
  builder.nodes.leafNodeIds.push(builder.nodes.nodeIds[at]);
  builder.nodes.leafWeights.push(weight);
  return at;
}

/** Subtree over steps lo..hi: step k holds values with cuts[k-1] ≤ x < cuts[k]. */
function addSteps(
  builder: TreeBuilder,
  cuts: number[],
  weights: number[],
  lo: number,
  hi: number,
): number {
  if (lo === hi) return addLeaf(builder, weights[lo]);
  const at = addNode(builder);
  const mid = (lo + hi + 1) >>> 1;
  const left = addSteps(builder, cuts, weights, lo, mid - 1);
  const right = addSteps(builder, cuts, weights, mid, hi);
  setBranch(builder.nodes, at, builder.feature, cuts[mid - 1], left, right, false);
  return at;
}

function setBranch(
  nodes: Nodes,
  at: number,
  feature: number,
  threshold: number,
  trueAt: number,
  falseAt: number,
  missingTracksTrue: boolean,
): void {
  nodes.featureIds[at] = feature;
  nodes.modes[at] = "BRANCH_LT";
  nodes.values[at] = threshold;
  nodes.trueIds[at] = nodes.nodeIds[trueAt];
  nodes.falseIds[at] = nodes.nodeIds[falseAt];
  nodes.missingTracksTrue[at] = missingTracksTrue ? 1 : 0;
}
