/**
 * The logistic baseline's L2 strength by k-fold cross-validation over a small grid: each
 * strength is fitted on every fold's training rows and scored on its validation rows;
 * the lowest mean fold log loss wins (a tie goes to the stronger penalty). The grid is
 * walked from the strongest penalty down, each fold's fit warm-started from the one
 * before and reusing its Hessian while the gradient keeps halving (the same optimum and
 * tolerance, a fraction of the Hessians) on the fold's design, built once for every
 * strength; the walk ends once `patience` strengths in a row were worse than the best —
 * the weakest penalties, the slowest to fit, are only tried when the curve is still
 * falling.
 */
import type { Dataset, LogisticModel } from "../model/types.ts";
import { takeRows } from "../model/dataset.ts";
import {
  defaultGramWorkerCount,
  type DesignMatrix,
  fitLogistic,
  type GramWorkers,
  type LogisticParams,
  predictLogisticProba,
  prepareLogisticDesign,
  startGramWorkers,
  stopGramWorkers,
} from "../model/logistic/mod.ts";
import { logloss, rocAuc } from "../model/metrics/mod.ts";
import type { Fold } from "./folds.ts";

/** One grid point's result. */
export interface L2Score {
  l2: number;
  /** Mean log loss over the validation folds (NaN when not tried; Infinity when a fit failed). */
  meanLogLoss: number;
  /** Mean ROC AUC over the validation folds (NaN when not tried or failed). */
  meanAuc: number;
  /** Why the point has no score: a fit failed, or the walk had ended before it. */
  note?: string;
}

/** What the cross-validation found. */
export interface LogisticCvResult {
  /** The chosen L2 strength. */
  l2: number;
  /** Every grid point, strongest penalty first. */
  grid: L2Score[];
  /** Out-of-fold probability of each row of the data, at the chosen strength. */
  oof: Float64Array;
}

/** Options of {@link crossValidateLogistic}. */
export interface LogisticCvOptions {
  /** Fit params besides l2. */
  params?: Partial<Omit<LogisticParams, "l2">>;
  /** Strengths in a row worse than the best before the walk stops (default 2). */
  patience?: number;
}

/**
 * Cross-validates the L2 strengths in `grid` over `folds` of `data`.
 * @example
 * ```ts
 * import { crossValidateLogistic } from "./logistic_cv.ts";
 * import { stratifiedKFold } from "./folds.ts";
 * import { createRng } from "../random/mod.ts";
 * import { fitLogistic } from "../model/logistic/fit.ts";
 * import { makeSyntheticDataset } from "../model/gbdt/synthetic.ts";
 * const train = makeSyntheticDataset({ rows: 300, features: 3, seed: 1 });
 * const folds = stratifiedKFold(train.label!, 3, createRng(1));
 * const cv = crossValidateLogistic(train, folds, [1e-4, 1e-2, 1, 100]);
 * const baseline = fitLogistic(train, { l2: cv.l2 });
 * if (baseline.format !== "riskpipe.logistic") throw new Error("expected a logistic model");
 * ```
 */
export function crossValidateLogistic(
  data: Dataset,
  folds: Fold[],
  grid: readonly number[],
  options: LogisticCvOptions = {},
): LogisticCvResult {
  if (grid.length === 0) throw new RangeError("Cannot cross-validate the baseline: empty L2 grid");
  const patience = options.patience ?? 2;
  const parts = folds.map((fold) => ({
    fold,
    train: takeRows(data, fold.train),
    valid: takeRows(data, fold.valid),
    previous: undefined as LogisticModel | undefined,
    matrix: undefined as DesignMatrix | undefined,
  }));
  const strongestFirst = [...new Set(grid)].sort((a, b) => b - a);
  let best: { score: L2Score; oof: Float64Array } | undefined;
  let worse = 0;
  const scores: L2Score[] = [];
  // One set of Gram workers for every fold's fits (each design column but a level is dense).
  const dense = data.features.filter((spec) => spec.type !== "categorical").length + 1;
  const largest = Math.max(...parts.map((part) => part.train.rows));
  const workers = startGramWorkers(defaultGramWorkerCount(largest, dense));
  try {
    for (const l2 of strongestFirst) {
      if (worse >= patience) {
        scores.push({
          l2,
          meanLogLoss: NaN,
          meanAuc: NaN,
          note: "not tried: the walk had stopped",
        });
        continue;
      }
      const score = scoreStrength(data, parts, l2, options.params ?? {}, workers);
      scores.push(score.score);
      if (best === undefined || score.score.meanLogLoss < best.score.meanLogLoss) {
        best = score;
        worse = 0;
      } else {
        worse++;
      }
    }
  } finally {
    stopGramWorkers(workers);
  }
  if (best === undefined || !Number.isFinite(best.score.meanLogLoss)) {
    throw new RangeError(
      `Cannot cross-validate the baseline: no L2 strength could be fitted (${
        scores.map((s) => `${s.l2}: ${s.note}`).join("; ")
      })`,
    );
  }
  return { l2: best.score.l2, grid: scores, oof: best.oof };
}

interface Part {
  fold: Fold;
  train: Dataset;
  valid: Dataset;
  previous: LogisticModel | undefined;
  /** The fold's design, built on its first fit and kept for the next strengths. */
  matrix: DesignMatrix | undefined;
}

/** Fits `l2` on every fold (warm-started) and scores it on the fold's validation rows. */
function scoreStrength(
  data: Dataset,
  parts: Part[],
  l2: number,
  params: Partial<Omit<LogisticParams, "l2">>,
  workers: GramWorkers,
): { score: L2Score; oof: Float64Array } {
  const oof = new Float64Array(data.rows);
  let loss = 0;
  let auc = 0;
  for (const part of parts) {
    let model: LogisticModel;
    try {
      part.matrix ??= prepareLogisticDesign(part.train, workers);
      model = fitLogistic(part.train, { ...params, l2 }, {
        start: part.previous,
        reuseHessian: true,
        matrix: part.matrix,
        gramWorkers: workers,
      });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      return { score: { l2, meanLogLoss: Infinity, meanAuc: NaN, note: error.message }, oof };
    }
    part.previous = model;
    const p = predictLogisticProba(model, part.valid);
    const y = part.valid.label as Float64Array;
    loss += logloss(p, y) / parts.length;
    auc += rocAuc(p, y) / parts.length;
    part.fold.valid.forEach((row, k) => oof[row] = p[k]);
  }
  return { score: { l2, meanLogLoss: loss, meanAuc: auc }, oof };
}
