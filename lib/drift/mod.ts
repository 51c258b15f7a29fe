/**
 * Drift runs: the training split against a window of traffic (an inference-log export
 * or a file of application rows) in feature space and on the score, a history of
 * past runs, and the static drift site (reports/drift/) the API serves at /drift/.
 * @example
 * ```ts
 * import { compareWindows, runDrift } from "./mod.ts";
 * // runDrift({ window: "data/drift/window.parquet" }) reads the split, the production version and
 * // the window, then writes reports/drift/ and appends to data/drift/history.json; the
 * // comparison at its heart is pure:
 * const column = Float64Array.from({ length: 100 }, (_, i) => i);
 * const report = compareWindows(
 *   {
 *     features: [{ name: "a", type: "numeric", source: "a", description: "a" }],
 *     reference: [column],
 *     current: [column.map((v) => v + 50)],
 *   },
 *   { source: "window.parquet", rows: 100 },
 *   { generatedAt: "2026-01-01T00:00:00Z" },
 * );
 * if (!report.dataset.datasetDrifted || typeof runDrift !== "function") throw new Error("no drift");
 * ```
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
export {
  type ChallengerComparison,
  type ChallengerReport,
  compareChallenger,
  type PairedRow,
  shadowPairs,
} from "./challenger/mod.ts";
export { CHALLENGER_PAGE, CHALLENGER_REPORT } from "./site/challenger_page.ts";
