/**
 * Outlier detection on the model's features: an isolation forest (every feature) and a
 * robust Mahalanobis distance (the numeric ones), fitted in `train`, exported to ONNX by
 * lib/model/onnx/outlier.ts, scored at serving time. Pure: no files.
 */
export type {
  IsolationForest,
  IsolationTree,
  OutlierModel,
  OutlierScore,
  RobustMahalanobis,
} from "./types.ts";
export { OutlierParams } from "./params.ts";
export {
  averagePathLength,
  fitIsolationForest,
  isolationScoreOf,
  isolationScores,
} from "./isolation_forest.ts";
export { fitMahalanobis, mahalanobisSquared } from "./mahalanobis.ts";
export { fitOutlierModel, flagOf, scoreOutlierRow, scoreOutliers } from "./model.ts";
export {
  OUTLIER_MODEL_FILE,
  OUTLIER_ONNX_FILE,
  outlierModelFromJson,
  outlierModelToJson,
} from "./serialize.ts";
