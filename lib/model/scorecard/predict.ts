/** Scoring with a scorecard: log-odds, probability of default and points, by row or dataset. */
import { assertSameFeatures } from "../logistic/design.ts";
import type { Dataset } from "../types.ts";
import { binOf } from "./bin_of.ts";
import type { ScorecardModel } from "./types.ts";

/** Log-odds of bad for one row (values indexed by feature, NaN = missing). */
export function scorecardMargin(model: ScorecardModel, values: ArrayLike<number>): number {
  let margin = model.intercept;
  for (let j = 0; j < model.binning.length; j++) {
    if (!model.included[j]) continue;
    margin += model.coefficients[j] * model.binning[j].woe[binOf(model.binning[j], values[j])];
  }
  return margin;
}

/** Score of one row: the sum of its bins' points. */
export function scorecardScore(model: ScorecardModel, values: ArrayLike<number>): number {
  let score = 0;
  for (let j = 0; j < model.binning.length; j++) {
    if (model.included[j]) score += model.points[j][binOf(model.binning[j], values[j])];
  }
  return score;
}

/**
 * Probabilities of default for every row of `data`, whose features must be the
 * model's, in order.
 * @example
 * ```ts
 * import { predictScorecard } from "./predict.ts";
 * import { fitScorecard } from "./fit.ts";
 * import { makeSyntheticDataset } from "../gbdt/synthetic.ts";
 * const test = makeSyntheticDataset({ rows: 500, features: 3, seed: 1 });
 * const p = predictScorecard(fitScorecard(test), test); // one per row
 * if (p.length !== 500) throw new Error(`expected 500 probabilities, got ${p.length}`);
 * ```
 */
export function predictScorecard(model: ScorecardModel, data: Dataset): Float64Array {
  assertSameFeatures("score dataset", model.features, data.features);
  const margin = new Float64Array(data.rows).fill(model.intercept);
  model.binning.forEach((binning, j) => {
    if (!model.included[j]) return;
    const table = binning.woe.map((w) => model.coefficients[j] * w);
    const column = data.columns[j];
    for (let i = 0; i < data.rows; i++) margin[i] += table[binOf(binning, column[i])];
  });
  return margin.map((m) => 1 / (1 + Math.exp(-m)));
}

/** Scores (points) for every row of `data`. */
export function scoreScorecard(model: ScorecardModel, data: Dataset): Float64Array {
  assertSameFeatures("score dataset", model.features, data.features);
  const score = new Float64Array(data.rows);
  model.binning.forEach((binning, j) => {
    if (!model.included[j]) return;
    const column = data.columns[j];
    for (let i = 0; i < data.rows; i++) score[i] += model.points[j][binOf(binning, column[i])];
  });
  return score;
}
