/** Scoring with the logistic baseline, row by row or over a dataset. */
import type { Dataset, LogisticModel } from "../types.ts";
import { assertSameFeatures, designValue } from "./design.ts";

/** Log-odds of one row (values indexed by feature, NaN = missing). */
export function predictLogisticMargin(model: LogisticModel, values: ArrayLike<number>): number {
  let margin = model.intercept;
  for (let c = 0; c < model.design.length; c++) {
    margin += model.coefficients[c] * designValue(model.design[c], values);
  }
  return margin;
}

/**
 * Probability of the positive class for one row.
 * @example
 * ```ts
 * import { predictLogisticRow } from "./predict.ts";
 * import { fitLogistic } from "./fit.ts";
 * import { makeSyntheticDataset } from "../gbdt/synthetic.ts";
 * const baseline = fitLogistic(makeSyntheticDataset({ rows: 200, features: 3, seed: 1 }));
 * // the missing value is imputed with the median
 * const p = predictLogisticRow(baseline, [0.3, NaN, 2]);
 * if (!(p > 0 && p < 1)) throw new Error(`expected a probability, got ${p}`);
 * ```
 */
export function predictLogisticRow(model: LogisticModel, values: ArrayLike<number>): number {
  if (values.length !== model.features.length) {
    throw new RangeError(
      `Cannot score row: it has ${values.length} values but the model has ${model.features.length} features`,
    );
  }
  return 1 / (1 + Math.exp(-predictLogisticMargin(model, values)));
}

/** Probabilities for every row of `data`, whose features must be the model's, in order. */
export function predictLogisticProba(model: LogisticModel, data: Dataset): Float64Array {
  assertSameFeatures("score dataset", model.features, data.features);
  const out = new Float64Array(data.rows);
  const row = new Float64Array(data.features.length);
  for (let i = 0; i < data.rows; i++) {
    for (let j = 0; j < row.length; j++) row[j] = data.columns[j][i];
    out[i] = 1 / (1 + Math.exp(-predictLogisticMargin(model, row)));
  }
  return out;
}
