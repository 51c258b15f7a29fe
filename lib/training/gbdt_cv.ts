/**
 * The GBDT's number of rounds by k-fold cross-validation, as `xgb.cv` chooses it: the
 * folds train in step, the mean validation curve across folds decides, early stopping
 * watches that mean curve, and the round with the best mean score is the answer. Each
 * fold trains on the GBDT worker pool like any training run.
 */
import type { Dataset, GbdtModel } from "../model/types.ts";
import { takeRows } from "../model/dataset.ts";
import { type GbdtParams, predictProba, type RoundInfo, trainGbdt } from "../model/gbdt/mod.ts";
import type { Fold } from "./folds.ts";
import { createRoundBarrier } from "./round_barrier.ts";

/** What the cross-validation found. */
export interface GbdtCvResult {
  /** The round with the best mean validation score (the refit's tree count). */
  bestRound: number;
  /** Rounds every fold trained before the mean curve stopped improving. */
  roundsTrained: number;
  /** Mean validation metric across folds per round (AUC or log loss, by eval_metric). */
  meanCurve: number[];
  metric: GbdtParams["eval_metric"];
  /** Out-of-fold probability of each row of the data, at `bestRound` trees. */
  oof: Float64Array;
}

/** Options for {@link crossValidateGbdt}. */
export interface GbdtCvOptions {
  /** Histogram worker threads per fold (default: the trainer's own choice). */
  workers?: number;
  /** Called with the first fold's rounds. */
  onRound?: (info: RoundInfo) => void;
}

/**
 * Cross-validates `params` over `folds` of `data`. `params.early_stopping_rounds` applies
 * to the mean curve (0: every round is trained and the best mean round still wins).
 * @example
 * ```ts
 * import { crossValidateGbdt } from "./gbdt_cv.ts";
 * import { stratifiedKFold } from "./folds.ts";
 * import { createRng } from "../random/mod.ts";
 * import { resolveGbdtParams } from "../model/gbdt/params.ts";
 * import { trainGbdt } from "../model/gbdt/train.ts";
 * import { makeSyntheticDataset } from "../model/gbdt/synthetic.ts";
 * const train = makeSyntheticDataset({ rows: 300, features: 3, seed: 1 });
 * const params = resolveGbdtParams({ max_depth: 2, n_rounds: 10 });
 * const cv = await crossValidateGbdt(train, stratifiedKFold(train.label!, 3, createRng(1)), params);
 * const model = await trainGbdt(train, { ...params, n_rounds: cv.bestRound, early_stopping_rounds: 0 });
 * if (model.trees.length === 0) throw new Error("expected trees");
 * ```
 */
export async function crossValidateGbdt(
  data: Dataset,
  folds: Fold[],
  params: GbdtParams,
  options: GbdtCvOptions = {},
): Promise<GbdtCvResult> {
  const meanCurve: number[] = [];
  let best = { round: 0, score: -Infinity };
  const higherIsBetter = params.eval_metric === "auc";
  const barrier = createRoundBarrier(folds.length, (round, scores) => {
    let sum = 0;
    for (const s of scores) sum += s;
    const mean = sum / scores.length;
    meanCurve[round - 1] = mean;
    const score = higherIsBetter ? mean : -mean;
    if (score > best.score) best = { round, score };
    return params.early_stopping_rounds > 0 && round - best.round >= params.early_stopping_rounds;
  });
  const foldParams = { ...params, early_stopping_rounds: 0 };
  const models = await Promise.all(folds.map(async (fold, f): Promise<GbdtModel> => {
    try {
      return await trainGbdt(takeRows(data, fold.train), foldParams, {
        valid: takeRows(data, fold.valid),
        workers: options.workers,
        onRound: f === 0 ? options.onRound : undefined,
        shouldStop: (info) =>
          barrier.arrive(f, info.round, (higherIsBetter ? info.validAuc : info.validLoss) ?? NaN),
      });
    } catch (error) {
      barrier.abort();
      throw error;
    }
  }));
  if (best.round === 0) {
    throw new RangeError(
      "Cannot choose GBDT rounds by cross-validation: the mean validation curve has no finite value",
    );
  }
  const oof = new Float64Array(data.rows);
  folds.forEach((fold, f) => {
    const kept = { ...models[f], trees: models[f].trees.slice(0, best.round) };
    const p = predictProba(kept, takeRows(data, fold.valid));
    fold.valid.forEach((row, k) => oof[row] = p[k]);
  });
  return {
    bestRound: best.round,
    roundsTrained: meanCurve.length,
    meanCurve,
    metric: params.eval_metric,
    oof,
  };
}
