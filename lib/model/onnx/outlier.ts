/**
 * Outlier model → ONNX, so serving scores it with the runtime that scores the model. The
 * isolation forest is an `ai.onnx.ml.TreeEnsembleRegressor` whose leaves hold Liu et al.'s
 * path lengths (depth + c(leaf rows)) averaged over the trees (AVERAGE), followed by
 * 2^(−E/c(ψ)) = exp(k·E) in core ops; the Mahalanobis part gathers the numeric features,
 * imputes a NaN with the centre (IsNaN, Where), standardises, multiplies by the whitening
 * matrix and takes the root of the row's sum of squares. Both in float64 after widening the
 * float32 input, as the TypeScript scorer computes. Output `outliers` double[N, 2]:
 * column 0 the isolation score, column 1 the distance (0 when the model has no
 * Mahalanobis part). The splits follow the same rule as the GBDT export (tree_ensemble.ts):
 * BRANCH_LT, the left child "true", a missing value tracking true when it goes left.
 */
import type { OutlierModel } from "../outlier/types.ts";
import { isolationExponent } from "../outlier/isolation_forest.ts";
import { doubleTensor, encodeModel, int64Tensor, node, valueInfo } from "./proto.ts";
import { branchAttributes, ensembleTables, ONNX_INPUT } from "./tree_ensemble.ts";

/** Name of the outlier graph's output: [isolation score, distance] per row. */
export const ONNX_OUTLIERS = "outliers";

/**
 * Encodes an outlier model as ONNX: input `features` float[N, F], output `outliers`
 * double[N, 2].
 */
export function outlierToOnnx(
  model: OutlierModel,
  metadata: Record<string, string> = {},
): Uint8Array {
  const { nodes, leaves } = ensembleTables(
    model.forest.trees,
    (tree, n) => Boolean(tree.missingLeft[n]),
    (tree, n) => tree.pathLength[n],
  );
  const column: (number | "N")[] = ["N", 1];
  const forest = [
    node("Cast", [ONNX_INPUT], ["features_f64"], { to: { int: 11 } }), // DOUBLE
    node("TreeEnsembleRegressor", ["features_f64"], ["iforest_mean_path"], {
      ...branchAttributes(nodes),
      target_treeids: { ints: leaves.treeIds },
      target_nodeids: { ints: leaves.nodeIds },
      target_ids: { ints: leaves.treeIds.map(() => 0) },
      target_weights_as_tensor: { tensor: doubleTensor("target_weights", leaves.weights) },
      n_targets: { int: 1 },
      aggregate_function: { string: "AVERAGE" },
      post_transform: { string: "NONE" },
    }, "ai.onnx.ml"),
    node("Cast", ["iforest_mean_path"], ["iforest_mean_path_f64"], { to: { int: 11 } }),
    node("Mul", ["iforest_mean_path_f64", "iforest_exponent"], ["iforest_log_score"]),
    node("Exp", ["iforest_log_score"], ["iforest_score"]),
  ];
  const initializers = [
    doubleTensor("iforest_exponent", [isolationExponent(model.forest.sampleSize)], []),
  ];
  const m = model.mahalanobis;
  const distance = m === undefined
    ? [node("Sub", ["iforest_score", "iforest_score"], ["distance"])]
    : [
      node("Gather", ["features_f64", "mahalanobis_features"], ["m_values"], { axis: { int: 1 } }),
      node("IsNaN", ["m_values"], ["m_missing"]),
      node("Where", ["m_missing", "mahalanobis_centre", "m_values"], ["m_imputed"]),
      node("Sub", ["m_imputed", "mahalanobis_centre"], ["m_deviation"]),
      node("Div", ["m_deviation", "mahalanobis_scale"], ["m_standardised"]),
      node("MatMul", ["m_standardised", "mahalanobis_whitening"], ["m_whitened"]),
      node("ReduceSumSquare", ["m_whitened"], ["m_squared"], {
        axes: { ints: [1] },
        keepdims: { int: 1 },
      }),
      node("Sqrt", ["m_squared"], ["distance"]),
    ];
  if (m !== undefined) {
    const p = m.features.length;
    initializers.push(
      int64Tensor("mahalanobis_features", m.features, [p]),
      doubleTensor("mahalanobis_centre", m.centre, [p]),
      doubleTensor("mahalanobis_scale", m.scale, [p]),
      doubleTensor("mahalanobis_whitening", m.whitening, [p, p]),
    );
  }
  return encodeModel({
    graphName: "riskpipe_outliers",
    nodes: [
      ...forest,
      ...distance,
      node("Concat", ["iforest_score", "distance"], [ONNX_OUTLIERS], { axis: { int: 1 } }),
    ],
    initializers,
    valueInfo: [valueInfo("iforest_mean_path", "float", column)],
    inputs: [valueInfo(ONNX_INPUT, "float", ["N", model.features.length])],
    outputs: [valueInfo(ONNX_OUTLIERS, "double", ["N", 2])],
    metadata: {
      features: JSON.stringify(model.features.map((f) => f.name)),
      thresholds: JSON.stringify(model.thresholds),
      ...metadata,
    },
  });
}
