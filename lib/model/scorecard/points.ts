/**
 * Points scaling. With odds the good:bad odds, a score of `base_score` means odds of
 * `base_odds` and every `pdo` points double them:
 *   factor = pdo / ln 2,  offset = base_score − factor · ln(base_odds),
 *   score  = offset + factor · ln(odds) = offset − factor · margin,
 * where margin = intercept + Σⱼ coefⱼ · WOEⱼ is the model's log-odds of bad. Spread over
 * the n features in the model, bin b of feature j is worth
 *   pointsⱼ(b) = −(coefⱼ · WOEⱼ(b) + intercept / n) · factor + offset / n,
 * so a row's points summed over its bins are its score.
 */
import type { ScorecardScaling } from "./types.ts";

/** The scaling for base score, base odds (good:bad) and points to double the odds. */
export function scalingOf(baseScore: number, baseOdds: number, pdo: number): ScorecardScaling {
  const factor = pdo / Math.LN2;
  return { baseScore, baseOdds, pdo, factor, offset: baseScore - factor * Math.log(baseOdds) };
}

/** Points of each bin of one model feature. */
export function binPoints(
  woe: ArrayLike<number>,
  coefficient: number,
  intercept: number,
  featuresInModel: number,
  scaling: ScorecardScaling,
): number[] {
  return Array.from(
    woe,
    (w) =>
      -(coefficient * w + intercept / featuresInModel) * scaling.factor +
      scaling.offset / featuresInModel,
  );
}

/** The score of a model log-odds of bad. */
export function scoreOfMargin(margin: number, scaling: ScorecardScaling): number {
  return scaling.offset - scaling.factor * margin;
}
