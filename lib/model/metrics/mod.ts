/**
 * Metrics of a binary risk score: ranking (ROC AUC, Gini, PR AUC, KS), probability
 * quality (Brier, log loss, calibration), and operating views (confusion at
 * thresholds, gains and lift). Pure functions over scores and 0/1 labels.
 */
export type { Labels, Scores } from "./inputs.ts";
export { gini, rocAuc, type RocCurve, rocCurve } from "./roc.ts";
export { prAuc, type PrCurve, prCurve } from "./pr.ts";
export { ks, type KsCurve, ksCurve, type KsResult } from "./ks.ts";
export { brier, logloss } from "./probability.ts";
export {
  type CalibrationBin,
  type CalibrationStrategy,
  calibrationTable,
  expectedCalibrationError,
} from "./calibration.ts";
export { confusionAt, type ConfusionAtThreshold } from "./confusion.ts";
export { type GainsRow, gainsTable } from "./gains.ts";
export { type BinarySummary, summariseBinary } from "./summary.ts";
