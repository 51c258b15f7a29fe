/**
 * The monitor's four checks, pure: a drift report (input drift, prediction drift, outlier
 * rate) and a realised-performance report (AUC drop of the production version) judged
 * against the `monitor.*` thresholds. A check that cannot be judged is "skipped" with the
 * reason, never passed silently.
 */
import type { DriftReport } from "../drift/stats/mod.ts";
import type { PerformanceReport } from "../drift/performance/mod.ts";
import type { MonitorParams } from "./params.ts";
import type { MonitorCheck } from "./status.ts";

/** What {@link judgeWindow} reads. */
export interface MonitorEvidence {
  drift: DriftReport;
  /** Absent when there is no outcome store to read realised performance from. */
  performance?: PerformanceReport;
}

/**
 * Every check of the window, in a fixed order.
 * @example
 * ```ts ignore
 * const checks = judgeWindow({ drift, performance }, DEFAULT_MONITOR_PARAMS);
 * checks.map((c) => c.status); // ["ok", "alert", "skipped", "ok"]
 * ```
 */
export function judgeWindow(evidence: MonitorEvidence, params: MonitorParams): MonitorCheck[] {
  return [
    inputDrift(evidence.drift, params),
    predictionDrift(evidence.drift, params),
    realisedAuc(evidence, params),
    outlierRate(evidence.drift, params),
  ];
}

function skipped(name: string, param: string, threshold: number, reason: string): MonitorCheck {
  return { name, param, value: null, threshold, status: "skipped", reason };
}

function smallWindowReason(drift: DriftReport): string {
  return `window too small: ${drift.window.rows} rows < drift.min_rows ${drift.thresholds.min_rows}`;
}

function inputDrift(drift: DriftReport, params: MonitorParams): MonitorCheck {
  const [name, param, threshold] = [
    "input_drift",
    "monitor.max_drift_share",
    params.max_drift_share,
  ];
  const d = drift.dataset;
  if (d.smallWindow) return skipped(name, param, threshold, smallWindowReason(drift));
  if (d.judged === 0) return skipped(name, param, threshold, "no feature could be judged");
  const alert = d.share >= threshold;
  return {
    name,
    param,
    value: d.share,
    threshold,
    status: alert ? "alert" : "ok",
    reason: `${d.drifted}/${d.judged} features drifted`,
  };
}

function predictionDrift(drift: DriftReport, params: MonitorParams): MonitorCheck {
  const [name, param, threshold] = [
    "prediction_drift",
    "monitor.max_prediction_psi",
    params.max_prediction_psi,
  ];
  if (drift.dataset.smallWindow) return skipped(name, param, threshold, smallWindowReason(drift));
  const psi = drift.prediction?.psi;
  if (psi === undefined || !Number.isFinite(psi)) {
    return skipped(name, param, threshold, "no scores on both sides (no production version)");
  }
  return { name, param, value: psi, threshold, status: psi >= threshold ? "alert" : "ok" };
}

function realisedAuc(evidence: MonitorEvidence, params: MonitorParams): MonitorCheck {
  const [name, param, threshold] = [
    "realised_auc",
    "monitor.performance.max_auc_drop",
    params.performance.max_auc_drop,
  ];
  const version = evidence.drift.modelVersion;
  if (evidence.performance === undefined) {
    return skipped(name, param, threshold, "no outcome store to read outcomes from");
  }
  if (version === undefined) return skipped(name, param, threshold, "no production version");
  const latest = evidence.performance.latest[version];
  if (latest === undefined) {
    return skipped(
      name,
      param,
      threshold,
      `no window of ${version} with ${params.performance.min_labelled_rows} labelled predictions`,
    );
  }
  if (latest.aucDrop === null) {
    return skipped(name, param, threshold, `${version} has no test AUC to compare with`);
  }
  return {
    name,
    param,
    value: latest.aucDrop,
    threshold,
    status: latest.aucDrop > threshold ? "alert" : "ok",
    reason: `realised AUC of ${version} in ${latest.from} .. ${latest.to}`,
  };
}

function outlierRate(drift: DriftReport, params: MonitorParams): MonitorCheck {
  const [name, param, threshold] = [
    "outlier_rate",
    "monitor.max_outlier_rate",
    params.max_outlier_rate,
  ];
  const outliers = drift.window.outliers;
  if (outliers === undefined) {
    return skipped(name, param, threshold, "the production version has no outlier model");
  }
  if (drift.window.rows === 0) return skipped(name, param, threshold, "the window has no rows");
  return {
    name,
    param,
    value: outliers.rate,
    threshold,
    status: outliers.rate > threshold ? "alert" : "ok",
    reason: `${outliers.flagged}/${drift.window.rows} rows flagged (${outliers.source})`,
  };
}
