/**
 * Realised performance of one version in one window, from its labelled predictions: AUC,
 * KS, Brier, calibration (table and ECE) and bad rate by tier, set against the version's
 * metrics at training time (its registered `test.*`), with the decay flag. Pure.
 */
import {
  brier,
  type CalibrationBin,
  calibrationTable,
  expectedCalibrationError,
  ks,
  rocAuc,
} from "../../model/metrics/mod.ts";
import type { PerformanceParams } from "./params.ts";

/** What a version's window came to. */
export type PerformanceStatus = "ok" | "decayed" | "insufficient" | "one_class";

/** A tier's labelled predictions. */
export interface TierBadRate {
  tier: string;
  rows: number;
  badRate: number;
  meanScore: number;
}

/** The version's metrics at training time (null when it did not register them). */
export interface TrainingMetrics {
  auc: number | null;
  ks: number | null;
  brier: number | null;
}

/** Realised performance of one version in one window. */
export interface WindowPerformance {
  version: string;
  /** ISO 8601 window bounds, [from, to). */
  from: string;
  to: string;
  rows: number;
  positives: number;
  status: PerformanceStatus;
  auc: number | null;
  ks: number | null;
  brier: number | null;
  ece: number | null;
  calibration: CalibrationBin[];
  /** By tier, lowest mean score first. */
  tiers: TierBadRate[];
  training: TrainingMetrics;
  /** Training AUC minus realised AUC (positive: worse now). */
  aucDrop: number | null;
}

/** The labelled predictions of one version in one window. */
export interface LabelledWindow {
  version: string;
  from: number;
  to: number;
  scores: Float64Array;
  outcomes: Uint8Array;
  tiers: readonly string[];
}

/**
 * Judges one window.
 * @example
 * ```ts
 * import { evaluateWindow } from "./evaluate.ts";
 * const w = evaluateWindow({
 *   version: "v0001", from: 0, to: 86_400_000,
 *   scores: Float64Array.of(0.1, 0.4, 0.35, 0.8), outcomes: Uint8Array.of(0, 0, 1, 1),
 *   tiers: ["low", "low", "low", "high"],
 * }, { auc: 0.9, ks: null, brier: null }, { min_labelled_rows: 4, max_auc_drop: 0.1, calibration_bins: 10 });
 * if (w.auc !== 0.75 || w.status !== "decayed") throw new Error(`got ${w.auc} ${w.status}`);
 * ```
 */
export function evaluateWindow(
  window: LabelledWindow,
  training: TrainingMetrics,
  params: Pick<PerformanceParams, "min_labelled_rows" | "max_auc_drop" | "calibration_bins">,
): WindowPerformance {
  const rows = window.scores.length;
  let positives = 0;
  for (const y of window.outcomes) positives += y;
  const base = {
    version: window.version,
    from: new Date(window.from).toISOString(),
    to: new Date(window.to).toISOString(),
    rows,
    positives,
    training,
    tiers: rows === 0 ? [] : badRateByTier(window),
  };
  const empty = { auc: null, ks: null, brier: null, ece: null, calibration: [], aucDrop: null };
  if (rows < params.min_labelled_rows) return { ...base, ...empty, status: "insufficient" };
  const probability = {
    brier: brier(window.scores, window.outcomes),
    ece: expectedCalibrationError(window.scores, window.outcomes, params.calibration_bins),
    calibration: calibrationTable(window.scores, window.outcomes, params.calibration_bins),
  };
  if (positives === 0 || positives === rows) {
    return { ...base, ...empty, ...probability, status: "one_class" };
  }
  const auc = rocAuc(window.scores, window.outcomes);
  const aucDrop = training.auc === null ? null : training.auc - auc;
  return {
    ...base,
    ...probability,
    auc,
    ks: ks(window.scores, window.outcomes).statistic,
    aucDrop,
    status: aucDrop !== null && aucDrop > params.max_auc_drop ? "decayed" : "ok",
  };
}

function badRateByTier(window: LabelledWindow): TierBadRate[] {
  const sums = new Map<string, { rows: number; bad: number; score: number }>();
  window.tiers.forEach((tier, i) => {
    let s = sums.get(tier);
    if (s === undefined) sums.set(tier, s = { rows: 0, bad: 0, score: 0 });
    s.rows += 1;
    s.bad += window.outcomes[i];
    s.score += window.scores[i];
  });
  return [...sums].map(([tier, s]) => ({
    tier,
    rows: s.rows,
    badRate: s.bad / s.rows,
    meanScore: s.score / s.rows,
  })).sort((a, b) => a.meanScore - b.meanScore || a.tier.localeCompare(b.tier));
}

/** A version's training metrics from its registered metrics (`test.auc`, `test.ks`, `test.brier`). */
export function trainingMetrics(metrics: Record<string, number> | undefined): TrainingMetrics {
  const pick = (name: string) => {
    const value = metrics?.[name];
    return typeof value === "number" && Number.isFinite(value) ? value : null;
  };
  return { auc: pick("test.auc"), ks: pick("test.ks"), brier: pick("test.brier") };
}
