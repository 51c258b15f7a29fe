/**
 * Realised performance: the outcomes joined to logged predictions, judged per version and
 * window (AUC, KS, Brier, calibration, bad rate by tier) against the version's metrics at
 * training time, with a decay flag when the AUC falls more than `max_auc_drop`.
 */
export {
  DEFAULT_PERFORMANCE_PARAMS,
  durationMs,
  MonitorParams,
  PerformanceParams,
} from "./params.ts";
export { performanceWindows, type TimeWindow } from "./windows.ts";
export {
  evaluateWindow,
  type LabelledWindow,
  type PerformanceStatus,
  type TierBadRate,
  type TrainingMetrics,
  trainingMetrics,
  type WindowPerformance,
} from "./evaluate.ts";
export { type PerformanceReport, type PerformanceRunInput, runPerformance } from "./run.ts";
