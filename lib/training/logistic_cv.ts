/**
 * The logistic baseline's L2 strength by k-fold cross-validation over a small grid: each
 * strength is fitted on every fold's training rows and scored on its validation rows;
 * the lowest mean fold log loss wins (a tie goes to the stronger penalty).
 */
import type { Dataset } from "../model/types.ts";
import { takeRows } from "../model/dataset.ts";
import { fitLogistic, type LogisticParams, predictLogisticProba } from "../model/logistic/mod.ts";
import { logloss, rocAuc } from "../model/metrics/mod.ts";
import type { Fold } from "./folds.ts";

/** One grid point's result. */
export interface L2Score {
  l2: number;
  /** Mean log loss over the validation folds (Infinity when a fold's fit failed). */
  meanLogLoss: number;
  /** Mean ROC AUC over the validation folds. */
  meanAuc: number;
  /** Why a fit failed, when one did. */
  error?: string;
}

/** What the cross-validation found. */
export interface LogisticCvResult {
  /** The chosen L2 strength. */
  l2: number;
  /** Every grid point, in grid order. */
  grid: L2Score[];
  /** Out-of-fold probability of each row of the data, at the chosen strength. */
  oof: Float64Array;
}

/**
 * Cross-validates the L2 strengths in `grid` over `folds` of `data`.
 * @example
 * const cv = crossValidateLogistic(train, folds, [1e-4, 1e-2, 1, 100]);
 * const baseline = fitLogistic(train, { l2: cv.l2 });
 */
export function crossValidateLogistic(
  data: Dataset,
  folds: Fold[],
  grid: readonly number[],
  params: Partial<Omit<LogisticParams, "l2">> = {},
): LogisticCvResult {
  if (grid.length === 0) throw new RangeError("Cannot cross-validate the baseline: empty L2 grid");
  const parts = folds.map((fold) => ({
    fold,
    train: takeRows(data, fold.train),
    valid: takeRows(data, fold.valid),
  }));
  let best: { score: L2Score; oof: Float64Array } | undefined;
  const scores = grid.map((l2): L2Score => {
    const oof = new Float64Array(data.rows);
    let loss = 0;
    let auc = 0;
    for (const part of parts) {
      let p: Float64Array;
      try {
        p = predictLogisticProba(fitLogistic(part.train, { ...params, l2 }), part.valid);
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        return { l2, meanLogLoss: Infinity, meanAuc: NaN, error: error.message };
      }
      const y = part.valid.label as Float64Array;
      loss += logloss(p, y) / parts.length;
      auc += rocAuc(p, y) / parts.length;
      part.fold.valid.forEach((row, k) => oof[row] = p[k]);
    }
    const score = { l2, meanLogLoss: loss, meanAuc: auc };
    const better = best === undefined || loss < best.score.meanLogLoss ||
      (loss === best.score.meanLogLoss && l2 > best.score.l2);
    if (better) best = { score, oof };
    return score;
  });
  if (best === undefined || !Number.isFinite(best.score.meanLogLoss)) {
    throw new RangeError(
      `Cannot cross-validate the baseline: no L2 strength could be fitted (${
        scores.map((s) => `${s.l2}: ${s.error}`).join("; ")
      })`,
    );
  }
  return { l2: best.score.l2, grid: scores, oof: best.oof };
}
