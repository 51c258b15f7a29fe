/**
 * Drift metrics: PSI (quantile bins or categories), KS, chi-square, Jensen–Shannon,
 * missing-rate change; per-feature verdicts with small-window flagging; dataset drift;
 * the comparison of two windows into a drift report, and its history entry.
 * @example
 * ```ts
 * import { datasetDrift, featureDrift } from "./mod.ts";
 * const ref = Float64Array.from({ length: 500 }, (_, i) => i % 100);
 * const cur = ref.map((v) => v + 50);
 * const drift = [featureDrift({ name: "a", type: "numeric" }, ref, cur)];
 * if (!datasetDrift(drift).datasetDrifted) throw new Error("expected dataset drift");
 * ```
 */
export {
  binCounts,
  edgesOfSorted,
  psi,
  type PsiBin,
  psiOnBins,
  type PsiOptions,
  type PsiResult,
  quantileEdges,
  sortedFinite,
} from "./psi.ts";
export {
  kolmogorovSurvival,
  ksAgainstCdf,
  type KsResult,
  ksTest,
  type ReferenceCdf,
} from "./ks.ts";
export { type ChiSquareResult, chiSquareSurvival, chiSquareTest } from "./chi_square.ts";
export { logGamma, regularizedGammaQ } from "./gamma.ts";
export { jensenShannonDistance, jensenShannonDivergence } from "./jensen_shannon.ts";
export { categoricalPsi, type CategoryBin, categoryCounts } from "./categories.ts";
export {
  missingRate,
  type MissingRateChange,
  missingRateChange,
  missingRateChangeFromCounts,
} from "./missing.ts";
export {
  type CategoricalSummary,
  levelsOf,
  type NumericSummary,
  type ReferenceSummary,
  summariseCategorical,
  summariseNumeric,
  summariseReference,
} from "./reference_summary.ts";
export {
  DEFAULT_DRIFT_THRESHOLDS,
  type DriftStatus,
  DriftThresholds,
  STATUS_RANK,
} from "./thresholds.ts";
export {
  type DistributionBin,
  type FeatureDrift,
  featureDrift,
  featureDriftFromSummary,
} from "./feature_drift.ts";
export { type DatasetDrift, datasetDrift } from "./dataset_drift.ts";
export {
  byDrift,
  compareWindows,
  type DriftInputs,
  type DriftReport,
  type ReferenceSide,
  type WindowInfo,
} from "./compare.ts";
export { type DriftHistory, type HistoryEntry, historyEntry } from "./history_entry.ts";
export { averageRanks, pearson, spearman } from "./correlation.ts";
