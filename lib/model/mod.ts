/**
 * The shapes every model family shares (datasets handed to trainers, the trained model's
 * interface, tree nodes) and column-major datasets. Each model family is its own folder with its
 * own mod.ts: either/, gbdt/, logistic/, metrics/, onnx/, scorecard/, shap/, xgboost/ (this file
 * re-exports none of them, so the families stay separate nodes of the import graph).
 */
export type {
  Dataset,
  DesignColumn,
  FeatureSpec,
  GbdtModel,
  LogisticModel,
  PlattCalibration,
  Tree,
} from "./types.ts";
export { type KeyedDataset, stratifiedHoldout, takeRows } from "./dataset.ts";
export { createEmptyTree } from "./tree.ts";
