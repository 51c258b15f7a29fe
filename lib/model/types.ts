/**
 * The shapes every model-side module agrees on: datasets handed to trainers, the
 * GBDT and logistic model formats (saved as JSON, exported to ONNX, explained by
 * TreeSHAP, served by the API). Change them only with a formatVersion bump.
 */

/** How a feature is stored in the feature store and read by the models. */
export interface FeatureSpec {
  name: string;
  /**
   * numeric: a float (NaN = missing). categorical: an integer code into `levels`
   * (NaN = missing or unknown level). boolean: 0/1 (NaN = missing).
   */
  type: "numeric" | "categorical" | "boolean";
  /** Category levels; the code of a level is its index. Only for categorical. */
  levels?: string[];
}

/** Column-major training or scoring data; NaN marks a missing value. */
export interface Dataset {
  features: FeatureSpec[];
  /** columns[j][i] is feature j of row i. */
  columns: Float64Array[];
  rows: number;
  /** Binary target (0/1), when known. */
  label?: Float64Array;
}

/**
 * One regression tree in flat arrays; node 0 is the root. A row goes left when
 * Math.fround(x) < threshold (float32 comparison, as XGBoost and ONNX BRANCH_LT do),
 * and to the `defaultLeft` side when x is NaN.
 */
export interface Tree {
  /** Split feature index per node; -1 marks a leaf. */
  feature: number[];
  /** Split threshold per node, float32-representable; 0 on leaves. */
  threshold: number[];
  /** Side taken by a missing value, per node; false on leaves. */
  defaultLeft: boolean[];
  /** Child node indices; -1 on leaves. */
  left: number[];
  right: number[];
  /** Leaf output added to the margin (learning rate applied); 0 on internal nodes. */
  value: number[];
  /** Sum of hessians of the training rows that reached the node (TreeSHAP weights). */
  cover: number[];
  /** Loss reduction of the split; 0 on leaves. */
  gain: number[];
}

/**
 * A calibration map applied after the trees: p = σ(a · margin + b) (Platt scaling).
 * SHAP values and margins stay in the trees' log-odds; only the probability changes.
 */
export interface PlattCalibration {
  method: "platt";
  a: number;
  b: number;
  /** Which predictions it was fitted on, e.g. "validation fold (2,250 rows)". */
  fittedOn: string;
}

/** A trained gradient-boosted tree ensemble for binary classification. */
export interface GbdtModel {
  format: "riskpipe.gbdt";
  formatVersion: 1;
  objective: "binary:logistic";
  /** Margin (log-odds) every row starts from before the trees are added. */
  baseMargin: number;
  features: FeatureSpec[];
  trees: Tree[];
  /** Per-feature bin upper edges used in training (absent for imported models). */
  binning?: { maxBin: number; cuts: number[][] };
  /** Training parameters as given, for lineage. */
  params: Record<string, unknown>;
  /** Number of trees kept after early stopping, when it applied. */
  bestIteration?: number;
  /** Recalibration of the trees' probability (`train.calibration: platt`); absent: none. */
  calibration?: PlattCalibration;
}

/**
 * One column of the logistic model's design matrix, derived from a feature:
 * the (imputed, standardised) numeric value, or a 0/1 indicator of one level.
 */
export type DesignColumn =
  | { kind: "numeric"; feature: number; impute: number; mean: number; scale: number }
  | { kind: "level"; feature: number; code: number };

/** An L2-regularised logistic regression over a design derived from the features. */
export interface LogisticModel {
  format: "riskpipe.logistic";
  formatVersion: 1;
  features: FeatureSpec[];
  design: DesignColumn[];
  /** One coefficient per design column. */
  coefficients: number[];
  intercept: number;
  /**
   * Mean of each design column over the training rows (the SHAP baseline of a linear
   * model); absent in models fitted before it was stored, where 0 stands in.
   */
  designMeans?: number[];
  params: Record<string, unknown>;
}
