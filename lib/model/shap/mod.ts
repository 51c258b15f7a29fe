/**
 * Explanations of every model kind: exact path-dependent TreeSHAP of the GBDT, exact linear
 * SHAP of the logistic model and a scorecard's points as SHAP, per row and per dataset,
 * global importance (mean |SHAP|), and plain-English reasons for one row.
 */
export { createTreeExplainer, type RowShap, type TreeExplainer, treeShap } from "./tree_shap.ts";
export {
  type FeatureImportance,
  globalImportance,
  meanAbsShap,
  type ShapBatch,
  treeShapBatch,
} from "./batch.ts";
export { type Contribution, explainRow, type RowExplanation } from "./explain.ts";
export { explainContributions } from "./explain.ts";
export { explainLinearRow, linearExpectedValue, linearShap, linearShapBatch } from "./linear.ts";
export {
  explainScorecardRow,
  scorecardExpectedValue,
  scorecardShap,
  scorecardShapBatch,
} from "./scorecard.ts";
