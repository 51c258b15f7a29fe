/**
 * The scorecard's out-of-fold probabilities on the CV folds the GBDT and the logistic
 * model use: each fold's card is binned and fitted on the fold's training rows alone (the
 * binning is part of the model, so it must not see the rows it is scored on), then scores
 * the fold's validation rows.
 */
import type { Dataset } from "../model/types.ts";
import { takeRows } from "../model/dataset.ts";
import { fitScorecard, predictScorecard } from "../model/scorecard/mod.ts";
import type { ScorecardParamsInput } from "../model/scorecard/params.ts";
import type { Fold } from "./folds.ts";

/**
 * Out-of-fold probability of each row of `data`.
 * @example
 * ```ts
 * import { scorecardOutOfFold } from "./scorecard_cv.ts";
 * import { stratifiedKFold } from "./folds.ts";
 * import { createRng } from "../random/mod.ts";
 * import { makeSyntheticDataset } from "../model/gbdt/synthetic.ts";
 * const train = makeSyntheticDataset({ rows: 600, features: 3, seed: 1 });
 * const oof = scorecardOutOfFold(train, stratifiedKFold(train.label!, 3, createRng(1)), {});
 * if (oof.length !== 600) throw new Error(`expected 600, got ${oof.length}`);
 * ```
 */
export function scorecardOutOfFold(
  data: Dataset,
  folds: readonly Fold[],
  params: ScorecardParamsInput,
): Float64Array {
  const oof = new Float64Array(data.rows).fill(NaN);
  for (const fold of folds) {
    const card = fitScorecard(takeRows(data, fold.train), params);
    const scores = predictScorecard(card, takeRows(data, fold.valid));
    fold.valid.forEach((row, k) => (oof[row] = scores[k]));
  }
  return oof;
}
