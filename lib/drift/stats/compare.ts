/**
 * The drift comparison itself, pure: reference and current feature columns (and scores)
 * in, per-feature verdicts sorted worst first, prediction drift and dataset drift out.
 */
import type { ManifestFeature } from "../../features/manifest/mod.ts";
import { type DatasetDrift, datasetDrift } from "./dataset_drift.ts";
import { type FeatureDrift, featureDrift, featureDriftFromSummary } from "./feature_drift.ts";
import type { ReferenceSummary } from "./reference_summary.ts";
import { DEFAULT_DRIFT_THRESHOLDS, type DriftThresholds, STATUS_RANK } from "./thresholds.ts";

/** What {@link compareWindows} compares. */
export interface DriftInputs {
  features: readonly ManifestFeature[];
  /** reference[j]: feature j over the reference rows, or its summary (a version's sketch). */
  reference: readonly ReferenceSide[];
  /** current[j]: feature j over the window rows. */
  current: readonly Float64Array[];
  referenceScores?: ReferenceSide;
  currentScores?: Float64Array;
  /** Features the window cannot supply (reported, not judged). */
  absent?: readonly string[];
}

/** One reference column: its values, or their summary. */
export type ReferenceSide = Float64Array | ReferenceSummary;

/** Where the window came from, for the report and the history. */
export interface WindowInfo {
  source: string;
  rows: number;
  from?: string;
  to?: string;
  modelVersions?: string[];
  /**
   * Where the window's scores came from: the log ("logged", all by the production
   * version) or scoring the window again with the production version ("rescored").
   */
  scoreSource?: "logged" | "rescored";
  /** Rows per field holding a category level the model never saw, scored as missing (csv). */
  unseenLevels?: Record<string, number>;
  /** Rows per field whose value the version's rules could not read, taken as missing (csv). */
  unreadable?: Record<string, number>;
  /**
   * Rows the production version's outlier model flagged: from the log's outlier_flag when
   * that version logged every row ("logged"), else by scoring the window ("rescored").
   * Absent when the version has no outlier model.
   */
  outliers?: { flagged: number; rate: number; source: "logged" | "rescored" };
}

/** The result of one drift run (written as reports/drift/report.json). */
export interface DriftReport {
  formatVersion: 1;
  generatedAt: string;
  /** The model whose scores the reference was given (the production version). */
  modelVersion?: string;
  window: WindowInfo;
  referenceRows: number;
  /**
   * Where the reference came from: the production version's sketch, or the training split
   * read again (with why a version's sketch did not fit, when it has one). Absent in
   * reports written before sketches.
   */
  reference?: { from: "sketch" | "split"; fallback?: string };
  thresholds: DriftThresholds;
  /** Judged features, worst first (status, then PSI). */
  features: FeatureDrift[];
  /** Features the window cannot supply. */
  absent: string[];
  /** Drift of the score distribution, when both sides have scores. */
  prediction?: FeatureDrift;
  dataset: DatasetDrift;
}

/**
 * Compares every feature and the score; `absent` features are left out of the verdicts.
 * @example
 * ```ts
 * import { compareWindows } from "./compare.ts";
 * const column = Float64Array.from({ length: 100 }, (_, i) => i);
 * const report = compareWindows(
 *   {
 *     features: [{ name: "a", type: "numeric", source: "a", description: "a" }],
 *     reference: [column],
 *     current: [column],
 *   },
 *   { source: "window.parquet", rows: 100 },
 *   { generatedAt: "2026-01-01T00:00:00Z" },
 * );
 * if (report.dataset.datasetDrifted) throw new Error("expected no drift");
 * ```
 */
export function compareWindows(
  inputs: DriftInputs,
  window: WindowInfo,
  options: {
    generatedAt: string;
    modelVersion?: string;
    thresholds?: DriftThresholds;
    reference?: DriftReport["reference"];
  },
): DriftReport {
  const thresholds = options.thresholds ?? DEFAULT_DRIFT_THRESHOLDS;
  const absent = new Set(inputs.absent ?? []);
  const features: FeatureDrift[] = [];
  inputs.features.forEach((spec, j) => {
    if (absent.has(spec.name)) return;
    features.push(sideDrift(spec, inputs.reference[j], inputs.current[j], thresholds));
  });
  features.sort(byDrift);
  const prediction = inputs.referenceScores && inputs.currentScores
    ? sideDrift(
      { name: "score", type: "numeric" },
      inputs.referenceScores,
      inputs.currentScores,
      thresholds,
    )
    : undefined;
  return {
    formatVersion: 1,
    generatedAt: options.generatedAt,
    ...(options.modelVersion ? { modelVersion: options.modelVersion } : {}),
    window,
    referenceRows: rowsOf(inputs.reference[0]),
    ...(options.reference === undefined ? {} : { reference: options.reference }),
    thresholds,
    features,
    absent: inputs.features.filter((f) => absent.has(f.name)).map((f) => f.name),
    ...(prediction ? { prediction } : {}),
    dataset: datasetDrift(features, thresholds),
  };
}

function sideDrift(
  spec: Parameters<typeof featureDrift>[0],
  reference: ReferenceSide,
  current: Float64Array,
  thresholds: DriftThresholds,
): FeatureDrift {
  return reference instanceof Float64Array
    ? featureDrift(spec, reference, current, thresholds)
    : featureDriftFromSummary(spec, reference, current, thresholds);
}

function rowsOf(reference: ReferenceSide | undefined): number {
  if (reference === undefined) return 0;
  return reference instanceof Float64Array ? reference.length : reference.rows;
}

/** Worst first: status, then PSI (NaN last), then name. */
export function byDrift(a: FeatureDrift, b: FeatureDrift): number {
  const rank = STATUS_RANK[b.status] - STATUS_RANK[a.status];
  if (rank !== 0) return rank;
  const pa = Number.isFinite(a.psi) ? a.psi : -1;
  const pb = Number.isFinite(b.psi) ? b.psi : -1;
  return pb - pa || a.name.localeCompare(b.name);
}
