/**
 * Exact SHAP values of the logistic model. In margin space the model is linear in its
 * design columns, so with independent features a column's Shapley value is its
 * coefficient times its distance from the training mean, β_c·(d_c − m_c); a feature's
 * value is the sum over the design columns it produced (a categorical's indicators, or
 * one standardised numeric column), and the baseline is the mean training margin
 * β₀ + Σ β_c·m_c. Baseline plus the feature values is the row's margin exactly.
 */
import type { Dataset, LogisticModel } from "../types.ts";
import { designValue } from "../logistic/design.ts";
import type { RowShap } from "./tree_shap.ts";
import type { ShapBatch } from "./batch.ts";
import { explainContributions, type RowExplanation } from "./explain.ts";
import type { FeatureSpec } from "../types.ts";

/** The baseline margin: the intercept plus each coefficient times its column's mean. */
export function linearExpectedValue(model: LogisticModel): number {
  let expected = model.intercept;
  const means = model.designMeans;
  if (means === undefined) return expected;
  for (let c = 0; c < model.design.length; c++) expected += model.coefficients[c] * means[c];
  return expected;
}

/**
 * SHAP values of one row (values indexed by feature, NaN = missing), per input feature.
 * @example
 * ```ts
 * import { linearShap } from "./linear.ts";
 * import { fitLogistic } from "../logistic/fit.ts";
 * import { makeSyntheticDataset } from "../gbdt/synthetic.ts";
 * const baseline = fitLogistic(makeSyntheticDataset({ rows: 200, features: 3, seed: 1 }));
 * const { expectedValue, shap } = linearShap(baseline, [0.1, 0.2, 0.3]); // Σ shap + expectedValue = margin
 * if (shap.length !== 3 || !Number.isFinite(expectedValue)) throw new Error("expected 3 values");
 * ```
 */
export function linearShap(model: LogisticModel, values: ArrayLike<number>): RowShap {
  const shap = new Float64Array(model.features.length);
  const means = model.designMeans;
  for (let c = 0; c < model.design.length; c++) {
    const column = model.design[c];
    const centred = designValue(column, values) - (means?.[c] ?? 0);
    shap[column.feature] += model.coefficients[c] * centred;
  }
  return { expectedValue: linearExpectedValue(model), shap };
}

/** SHAP values of every row of `data` (the model's features, in order), column-major. */
export function linearShapBatch(model: LogisticModel, data: Dataset): ShapBatch {
  const width = model.features.length;
  const shap = Array.from({ length: width }, () => new Float64Array(data.rows));
  const row = new Float64Array(width);
  for (let i = 0; i < data.rows; i++) {
    for (let j = 0; j < width; j++) row[j] = data.columns[j][i];
    const phi = linearShap(model, row).shap;
    for (let j = 0; j < width; j++) shap[j][i] = phi[j];
  }
  return { expectedValue: linearExpectedValue(model), shap, rows: data.rows };
}

/**
 * Reasons and the sentence for one row of the logistic model, as `explainRow` gives them
 * for the GBDT.
 */
export function explainLinearRow(
  model: LogisticModel,
  values: ArrayLike<number>,
  features: FeatureSpec[] = model.features,
  top = 3,
): RowExplanation {
  const { expectedValue, shap } = linearShap(model, values);
  return explainContributions(expectedValue, shap, values, features, top);
}
