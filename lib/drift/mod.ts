/**
 * Drift runs: the training split against a window of traffic (an inference-log export
 * or a file of application rows) in feature space and on the score, a history of
 * past runs, and the static drift site (reports/drift/) the API serves at /drift/.
 * @example
 * const report = await runDrift({ window: "data/drift/window.parquet" });
 */
export {
  byDrift,
  compareWindows,
  type DriftHistory,
  type DriftInputs,
  type DriftReport,
  type HistoryEntry,
  historyEntry,
  type WindowInfo,
} from "./stats/mod.ts";
export { appendHistory, readHistory } from "./history.ts";
export {
  loadProductionModel,
  loadReference,
  type Reference,
  scoreColumns,
  type ScoringModel,
} from "./reference.ts";
export {
  readFileSql,
  readWindow,
  type WindowFeatures,
  windowFeatures,
  type WindowRows,
} from "./window.ts";
export { DRIFT_DEFAULTS, type DriftRunOptions, loggedScoresComparable, runDrift } from "./run.ts";
export { type DriftSiteInput, writeDriftSite } from "./site/write.ts";
export { featurePath, PREDICTION_PAGE } from "./site/links.ts";
export type { FeatureValues } from "./site/feature_page.ts";
