/**
 * Exact SHAP values of a scorecard, read off its points. The model is additive in one
 * step function per feature, so a feature's Shapley value is its bin's points minus its
 * training-mean points, on the log-odds scale: −(points − mean points) / factor (positive
 * = toward default). The baseline is the training-mean score's log-odds; baseline plus the
 * values is the row's log-odds (what `explainScorecard` gives, reshaped for the reason lists).
 */
import type { Dataset, FeatureSpec } from "../types.ts";
import { binOf } from "../scorecard/bin_of.ts";
import { explainScorecard } from "../scorecard/explain.ts";
import type { ScorecardModel } from "../scorecard/types.ts";
import type { RowShap } from "./tree_shap.ts";
import type { ShapBatch } from "./batch.ts";
import { explainContributions, type RowExplanation } from "./explain.ts";

/** The baseline log-odds: that of the training-mean score (the sum of the mean points). */
export function scorecardExpectedValue(model: ScorecardModel): number {
  let base = 0;
  model.referencePoints.forEach((points, j) => (base += model.included[j] ? points : 0));
  return (model.scaling.offset - base) / model.scaling.factor;
}

/**
 * SHAP values of one row (values indexed by feature, NaN = missing); 0 for a feature the
 * scorecard left out.
 * @example
 * ```ts
 * import { scorecardShap } from "./scorecard.ts";
 * import { fitScorecard, scorecardMargin } from "../scorecard/mod.ts";
 * import { makeSyntheticDataset } from "../gbdt/synthetic.ts";
 * const card = fitScorecard(makeSyntheticDataset({ rows: 500, features: 3, seed: 1 }));
 * const row = [0.1, 0.2, 1];
 * const { expectedValue, shap } = scorecardShap(card, row);
 * const sum = shap.reduce((a, b) => a + b, expectedValue);
 * if (Math.abs(sum - scorecardMargin(card, row)) > 1e-9) throw new Error(`${sum}`);
 * ```
 */
export function scorecardShap(model: ScorecardModel, values: ArrayLike<number>): RowShap {
  const explained = explainScorecard(model, values);
  const index = new Map(model.features.map((f, j) => [f.name, j]));
  const shap = new Float64Array(model.features.length);
  for (const c of explained.contributions) shap[index.get(c.feature)!] = c.margin;
  return { expectedValue: explained.baseMargin, shap };
}

/** SHAP values of every row of `data` (the model's features, in order), column-major. */
export function scorecardShapBatch(model: ScorecardModel, data: Dataset): ShapBatch {
  const { factor } = model.scaling;
  const shap = model.features.map((_, j) => {
    const out = new Float64Array(data.rows);
    if (!model.included[j]) return out;
    const binning = model.binning[j];
    const byBin = model.points[j].map((p) => -(p - model.referencePoints[j]) / factor);
    const column = data.columns[j];
    for (let i = 0; i < data.rows; i++) out[i] = byBin[binOf(binning, column[i])];
    return out;
  });
  return { expectedValue: scorecardExpectedValue(model), shap, rows: data.rows };
}

/**
 * Reasons and the sentence for one row of a scorecard, as `explainRow` gives them for the
 * GBDT: contributions in log-odds, so the reason lists read the same whatever the kind.
 */
export function explainScorecardRow(
  model: ScorecardModel,
  values: ArrayLike<number>,
  features: FeatureSpec[] = model.features,
  top = 3,
): RowExplanation {
  const { expectedValue, shap } = scorecardShap(model, values);
  return explainContributions(expectedValue, shap, values, features, top);
}
