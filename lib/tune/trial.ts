/**
 * One trial at one rung: the GBDT with the trial's params, cross-validated on the fixed
 * folds for at most the rung's rounds (early stopping on the mean fold curve, as the train
 * stage does), scored by the best mean validation AUC.
 */
import type { Dataset } from "../model/types.ts";
import { type GbdtParams, resolveGbdtParams } from "../model/gbdt/params.ts";
import type { Fold } from "../training/folds.ts";
import { crossValidateGbdt } from "../training/gbdt_cv.ts";
import type { TrialParams } from "./space.ts";

/** What to run: a trial's params for a rung's rounds. */
export interface TrialJob {
  trial: number;
  params: TrialParams;
  rounds: number;
  /**
   * Histogram workers of its trainer besides its own thread (default 0): cores a rung with
   * fewer trials than jobs would leave idle. The trainer grows the same trees with any number.
   */
  workers?: number;
}

/** What a rung found for a trial. */
export interface TrialOutcome {
  trial: number;
  rounds: number;
  /** Best mean validation AUC over the folds within the rung's rounds (NaN on an error). */
  auc: number;
  /** The round of that best mean AUC. */
  bestRound: number;
  /** Rounds trained before the mean curve stopped improving (or the rung's rounds). */
  roundsTrained: number;
  /** Wall time of this rung's cross-validation, in seconds. */
  seconds: number;
  error?: string;
}

/**
 * Runs one job; an error (params the trainer refuses) is the outcome's `error`, not a throw.
 * @example
 * ```ts
 * import { runTrialJob } from "./trial.ts";
 * import { stratifiedKFold } from "../training/folds.ts";
 * import { createRng } from "../random/mod.ts";
 * import { makeSyntheticDataset } from "../model/gbdt/synthetic.ts";
 * const data = makeSyntheticDataset({ rows: 300, features: 3, seed: 1 });
 * const folds = stratifiedKFold(data.label!, 3, createRng(1));
 * const out = await runTrialJob(data, folds, { n_rounds: 10 }, { trial: 0, params: { max_depth: 2 }, rounds: 5 });
 * if (!(out.auc > 0.5)) throw new Error(`auc ${out.auc}`);
 * ```
 */
export async function runTrialJob(
  data: Dataset,
  folds: Fold[],
  base: Partial<GbdtParams>,
  job: TrialJob,
): Promise<TrialOutcome> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const params = resolveGbdtParams({ ...base, ...job.params, n_rounds: job.rounds });
    const cv = await crossValidateGbdt(data, folds, { ...params, eval_metric: "auc" }, {
      workers: job.workers ?? 0,
    });
    return {
      trial: job.trial,
      rounds: job.rounds,
      auc: cv.meanCurve[cv.bestRound - 1],
      bestRound: cv.bestRound,
      roundsTrained: cv.roundsTrained,
      seconds: seconds(),
    };
  } catch (error) {
    return {
      trial: job.trial,
      rounds: job.rounds,
      auc: NaN,
      bestRound: 0,
      roundsTrained: 0,
      seconds: seconds(),
      error: (error as Error).message,
    };
  }
}
