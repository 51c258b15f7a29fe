/**
 * The scorecard model format: per feature its bins (cut points, WOE, training counts,
 * points), the logistic fit on the WOE values and the points scaling. Plain JSON.
 */
import type { FeatureSpec } from "../types.ts";

/**
 * How one feature is binned. A value's interval is the number of cuts at or below
 * Math.fround(x) (float32, as ONNX compares); `intervalBin` maps it to a bin. The last
 * bin is always the missing bin (NaN, or an unknown level), empty when training had none.
 * Numeric bins are value ranges in order; a categorical's cuts sit at code + 0.5, so its
 * intervals are its level codes and `intervalBin` groups levels.
 */
export interface FeatureBinning {
  cuts: number[];
  intervalBin: number[];
  /** Training rows per bin. */
  count: number[];
  /** Training bads (label 1) per bin. */
  bads: number[];
  /** ln(share of bads / share of goods) per bin; 0 for an empty bin. */
  woe: number[];
  /** Information value of the feature over these bins. */
  iv: number;
  /** For numeric features: +1 when WOE rises with the value, -1 when it falls. */
  direction: 1 | -1;
}

/** Points scaling: score = offset − factor · ln(odds of bad). */
export interface ScorecardScaling {
  baseScore: number;
  baseOdds: number;
  pdo: number;
  /** pdo / ln 2. */
  factor: number;
  /** baseScore − factor · ln(baseOdds). */
  offset: number;
}

/** A fitted WOE scorecard for binary classification. */
export interface ScorecardModel {
  format: "riskpipe.scorecard";
  formatVersion: 1;
  features: FeatureSpec[];
  binning: FeatureBinning[];
  /** Whether each feature is in the model (IV at least min_iv and more than one bin). */
  included: boolean[];
  /** WOE coefficient per feature; 0 for a feature left out. */
  coefficients: number[];
  intercept: number;
  /** Points per bin per feature; all 0 for a feature left out. */
  points: number[][];
  /** Training-mean points per feature: the reference its contribution is measured from. */
  referencePoints: number[];
  scaling: ScorecardScaling;
  params: Record<string, unknown>;
}
