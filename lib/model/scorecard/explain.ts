/**
 * Exact explanation of a scorecard row by its points: feature j contributes its bin's
 * points minus the feature's training-mean points, so base (the sum of those means, the
 * training-mean score) plus the contributions is the score. For this additive model that
 * is also the SHAP value; `margin` gives it on the log-odds scale (−points / factor,
 * positive = toward default), the scale TreeSHAP reports for the GBDT.
 */
import { binOf } from "./bin_of.ts";
import type { ScorecardModel } from "./types.ts";

/** One model feature's part in a row's score. */
export interface ScorecardContribution {
  feature: string;
  bin: number;
  points: number;
  /** points − the feature's training-mean points; negative lowers the score. */
  contribution: number;
  /** The contribution on the log-odds-of-default scale. */
  margin: number;
}

/** A row's score taken apart. */
export interface ScorecardExplanation {
  score: number;
  /** Training-mean score; base + Σ contribution = score. */
  base: number;
  /** Training-mean log-odds; baseMargin + Σ margin = the row's log-odds. */
  baseMargin: number;
  contributions: ScorecardContribution[];
}

/**
 * Explains one row (values indexed by feature, NaN = missing).
 * @example
 * ```ts
 * import { explainScorecard } from "./explain.ts";
 * import { fitScorecard } from "./fit.ts";
 * import { makeSyntheticDataset } from "../gbdt/synthetic.ts";
 * const train = makeSyntheticDataset({ rows: 500, features: 3, seed: 1 });
 * const card = fitScorecard(train);
 * const { contributions } = explainScorecard(card, train.columns.map((column) => column[0]));
 * if (contributions.length === 0) throw new Error("expected contributions");
 * ```
 */
export function explainScorecard(
  model: ScorecardModel,
  values: ArrayLike<number>,
): ScorecardExplanation {
  if (values.length !== model.features.length) {
    throw new RangeError(
      `Cannot explain row: it has ${values.length} values but the model has ${model.features.length} features`,
    );
  }
  const { factor, offset } = model.scaling;
  const contributions: ScorecardContribution[] = [];
  let score = 0;
  let base = 0;
  model.binning.forEach((binning, j) => {
    if (!model.included[j]) return;
    const bin = binOf(binning, values[j]);
    const points = model.points[j][bin];
    const contribution = points - model.referencePoints[j];
    score += points;
    base += model.referencePoints[j];
    contributions.push({
      feature: model.features[j].name,
      bin,
      points,
      contribution,
      margin: -contribution / factor,
    });
  });
  return { score, base, baseMargin: (offset - base) / factor, contributions };
}
