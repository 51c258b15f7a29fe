/**
 * The outlier model's shapes: an isolation forest over every model feature and a robust
 * Mahalanobis distance over the numeric ones, with the thresholds that turn their scores
 * into a flag. Saved as outliers.json beside the candidate; change only with a
 * formatVersion bump.
 */
import type { FeatureSpec } from "../types.ts";

/**
 * One isolation tree in flat arrays; node 0 is the root. A row goes left when
 * Math.fround(x) < threshold, and to the left side when x is NaN only if `missingLeft`.
 */
export interface IsolationTree {
  /** Split feature per node; -1 marks a leaf. */
  feature: number[];
  /** Split threshold per node (a float32 value); 0 on leaves. */
  threshold: number[];
  /** Whether a missing value goes left, per node; false on leaves. */
  missingLeft: boolean[];
  /** Child indices; -1 on leaves. */
  left: number[];
  right: number[];
  /** Leaves: depth + c(rows that reached the leaf), Liu et al.'s path length; 0 elsewhere. */
  pathLength: number[];
}

/** An isolation forest (Liu, Ting and Zhou, 2008). */
export interface IsolationForest {
  trees: IsolationTree[];
  /** ψ, the rows each tree was grown on; scores are 2^(−E[h] / c(ψ)). */
  sampleSize: number;
}

/**
 * A Mahalanobis distance with a robust covariance: each numeric feature winsorised at its
 * training quantiles, centred at the winsorised mean and scaled by the winsorised
 * standard deviation; their covariance shrunk toward the identity (Ledoit–Wolf).
 */
export interface RobustMahalanobis {
  /** Model feature index of each dimension. */
  features: number[];
  /** Winsorised mean per dimension; a missing value is imputed with it (zero deviation). */
  centre: number[];
  /** Winsorised standard deviation per dimension (features with none are left out). */
  scale: number[];
  /**
   * W = L⁻ᵀ row-major (dims × dims), where L·Lᵀ is the shrunk covariance of the
   * standardised values: d² = ‖z · W‖² for the standardised deviation z.
   */
  whitening: number[];
  /** Ledoit–Wolf shrinkage weight of the identity. */
  shrinkage: number;
  /** Winsorising quantiles used at fit, e.g. [0.01, 0.99]. */
  winsorise: [number, number];
}

/** The outlier model of a candidate. */
export interface OutlierModel {
  format: "riskpipe.outliers";
  formatVersion: 1;
  features: FeatureSpec[];
  forest: IsolationForest;
  /** Absent when fewer than two numeric features vary in the training split. */
  mahalanobis?: RobustMahalanobis;
  /**
   * A row is flagged when its isolation score exceeds `isolation` or its distance exceeds
   * `distance` (training quantiles 1 − contamination / 2 of each).
   */
  thresholds: { isolation: number; distance: number | null };
  /** Share of the training rows the flag marks (at most the contamination). */
  trainingFlagRate: number;
  /** The params as given, for lineage. */
  params: Record<string, unknown>;
}

/** One row's outlier result. */
export interface OutlierScore {
  /** Isolation score 2^(−E[h]/c(ψ)) in (0, 1]; above ~0.6 is unusual. */
  score: number;
  /** Robust Mahalanobis distance over the numeric features; null without that part. */
  distance: number | null;
  flag: boolean;
}
