/** Dataset drift: the share of judged features that drifted, against a threshold. */
import type { FeatureDrift } from "./feature_drift.ts";
import { DEFAULT_DRIFT_THRESHOLDS, type DriftThresholds } from "./thresholds.ts";

/** The dataset-level verdict. */
export interface DatasetDrift {
  /** Features judged (not "small-window"). */
  judged: number;
  drifted: number;
  /** drifted / judged (NaN when nothing was judged). */
  share: number;
  threshold: number;
  /** True when share ≥ threshold; false for a window too small to judge. */
  datasetDrifted: boolean;
  /** True when no feature could be judged (the window is too small). */
  smallWindow: boolean;
}

/**
 * Counts drifted features and compares their share with `dataset_share`.
 * @example
 * ```ts
 * import { datasetDrift } from "./dataset_drift.ts";
 * import { featureDrift } from "./feature_drift.ts";
 * const train = Float64Array.from({ length: 500 }, (_, i) => i % 100);
 * const drift = [featureDrift({ name: "a", type: "numeric" }, train, train)];
 * // true when half or more of the features drifted (the default share)
 * if (datasetDrift(drift).datasetDrifted) throw new Error("expected no dataset drift");
 * ```
 */
export function datasetDrift(
  features: readonly FeatureDrift[],
  thresholds: DriftThresholds = DEFAULT_DRIFT_THRESHOLDS,
): DatasetDrift {
  const judged = features.filter((f) => f.status !== "small-window");
  const drifted = judged.filter((f) => f.drifted).length;
  const share = judged.length === 0 ? NaN : drifted / judged.length;
  return {
    judged: judged.length,
    drifted,
    share,
    threshold: thresholds.dataset_share,
    datasetDrifted: share >= thresholds.dataset_share,
    smallWindow: judged.length === 0,
  };
}
