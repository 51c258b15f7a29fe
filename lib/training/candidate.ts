/**
 * Trains the candidate models — the GBDT, the logistic baseline and the WOE scorecard
 * (unless `train.scorecard.enabled` is false) — on the training split, chooses the one to
 * serve, exports each to ONNX and proves the exports score like the TypeScript predictors
 * before anything is written. Small splits choose the GBDT's rounds and the baseline's L2
 * strength by k-fold CV (the scorecard is scored out of fold on the same folds) and refit
 * on every row; large ones hold out one validation fold.
 */
import type { Dataset, GbdtModel, LogisticModel } from "../model/types.ts";
import { type KeyedDataset, stratifiedHoldout, takeRows } from "../model/dataset.ts";
import { predictProba, type RoundInfo, trainGbdt } from "../model/gbdt/mod.ts";
import { fitLogistic, predictLogisticProba } from "../model/logistic/mod.ts";
import {
  gbdtToOnnx,
  logisticToOnnx,
  openOnnxScorer,
  scorecardToOnnx,
  toRowMajorFloat32,
} from "../model/onnx/mod.ts";
import { fitScorecard, predictScorecard } from "../model/scorecard/mod.ts";
import type { ScorecardModel } from "../model/scorecard/types.ts";
import { summariseBinary } from "../model/metrics/mod.ts";
import { createRng } from "../random/mod.ts";
import type { TrainParams } from "./params.ts";
import { calibrateGbdt, type CalibrationMethod, fitPlatt } from "./calibration.ts";
import { chooseModel, type ModelChoice } from "./choice.ts";
import { type Fold, stratifiedKFold } from "./folds.ts";
import { crossValidateGbdt, type GbdtCvResult } from "./gbdt_cv.ts";
import { crossValidateLogistic, type LogisticCvResult } from "./logistic_cv.ts";
import { scorecardOutOfFold } from "./scorecard_cv.ts";

/** Everything the train stage writes. */
export interface Candidate {
  gbdt: GbdtModel;
  baseline: LogisticModel;
  gbdtOnnx: Uint8Array;
  baselineOnnx: Uint8Array;
  /** The WOE scorecard and its ONNX, absent when `train.scorecard.enabled` is false. */
  scorecard?: ScorecardModel;
  scorecardOnnx?: Uint8Array;
  /** Which model is offered, and why. */
  choice: ModelChoice;
  /** Metrics on the validation fold (or out of fold) and the ONNX parity found. */
  metrics: Record<string, number>;
  /** The cross-validation behind the choice, when the split was small. */
  cv?: { folds: number; gbdt: GbdtCvResult; logistic: LogisticCvResult };
}

/** Options for {@link trainCandidate} beyond the params. */
export interface TrainCandidateOptions {
  onRound?: (info: RoundInfo) => void;
  /** GBDT histogram worker threads (default: the trainer's own choice). */
  workers?: number;
}

/** Trains, chooses, exports and checks the candidate models. */
export async function trainCandidate(
  data: KeyedDataset,
  params: TrainParams,
  options: TrainCandidateOptions | ((info: RoundInfo) => void) = {},
): Promise<Candidate> {
  const { onRound, workers } = typeof options === "function" ? { onRound: options } : options;
  if (data.label === undefined) {
    throw new RangeError("Cannot train: the training split has no target");
  }
  const fitted = data.rows < params.cv_below_rows
    ? await fitByCrossValidation(data, params, workers, onRound)
    : await fitOnHoldout(data, params, workers, onRound);
  const { gbdt, baseline, scorecard } = fitted;
  const { gbdtOnnx, baselineOnnx, scorecardOnnx, parity } = await exportChecked(fitted, params);
  const metrics: Record<string, number> = {
    ...fitted.metrics,
    trees: gbdt.trees.length,
    ...parity,
  };
  const prefix = fitted.cv ? "oof" : "valid";
  const label = fitted.scored.label;
  const scored = [
    ["gbdt", fitted.scored.gbdt],
    ["baseline", fitted.scored.baseline],
    ...(fitted.scored.scorecard ? [["scorecard", fitted.scored.scorecard] as const] : []),
  ] as const;
  for (const [model, scores] of scored) {
    for (const [key, value] of Object.entries(summariseBinary(scores, label))) {
      metrics[`${prefix}.${model}.${key}`] = value;
    }
  }
  const choice = chooseModel(
    {
      gbdt: metrics[`${prefix}.gbdt.rocAuc`],
      logistic: metrics[`${prefix}.baseline.rocAuc`],
      ...(scorecard ? { scorecard: metrics[`${prefix}.scorecard.rocAuc`] } : {}),
    },
    fitted.cv ? "oof_auc" : "valid_auc",
    params.choice_margin,
    params.choose,
  );
  metrics.chosen_logistic = choice.kind === "logistic" ? 1 : 0;
  metrics.chosen_scorecard = choice.kind === "scorecard" ? 1 : 0;
  return {
    gbdt,
    baseline,
    gbdtOnnx,
    baselineOnnx,
    ...(scorecard && scorecardOnnx ? { scorecard, scorecardOnnx } : {}),
    choice,
    metrics,
    cv: fitted.cv,
  };
}

/**
 * Every model of `fitted` in ONNX, each checked against its TypeScript predictor on the
 * check rows; the largest gaps as `onnx_<model>_max_abs_diff`.
 */
async function exportChecked(fitted: Fitted, params: TrainParams) {
  const { gbdt, baseline, scorecard, check } = fitted;
  const gbdtOnnx = gbdtToOnnx(gbdt);
  const baselineOnnx = logisticToOnnx(baseline);
  const scorecardOnnx = scorecard && scorecardToOnnx(scorecard);
  const exports = [
    { name: "model.onnx", key: "gbdt", onnx: gbdtOnnx, ts: () => predictProba(gbdt, check) },
    {
      name: "baseline.onnx",
      key: "baseline",
      onnx: baselineOnnx,
      ts: () => predictLogisticProba(baseline, check),
    },
    ...(scorecard && scorecardOnnx
      ? [{
        name: "scorecard.onnx",
        key: "scorecard",
        onnx: scorecardOnnx,
        ts: () => predictScorecard(scorecard, check),
      }]
      : []),
  ];
  const parity: Record<string, number> = {};
  for (const { name, key, onnx, ts } of exports) {
    const gap = await onnxParity(onnx, check, ts());
    if (!(gap <= params.onnx_tolerance)) {
      throw new RangeError(
        `Cannot export ${name}: ONNX and TypeScript probabilities differ by ${gap} on the ${fitted.checkName} (tolerance ${params.onnx_tolerance})`,
      );
    }
    parity[`onnx_${key}_max_abs_diff`] = gap;
  }
  return { gbdtOnnx, baselineOnnx, scorecardOnnx, parity };
}

/** The scorecard on `data` with the `train.scorecard` params, or undefined when it is off. */
function fitCard(data: Dataset, params: TrainParams): ScorecardModel | undefined {
  const { enabled, ...card } = params.scorecard;
  return enabled ? withScorecardHint(() => fitScorecard(data, card)) : undefined;
}

/** The scorecard's out-of-fold scores on `folds`, or undefined when it is off. */
function cardOutOfFold(
  data: Dataset,
  folds: readonly Fold[],
  params: TrainParams,
): Float64Array | undefined {
  const { enabled, ...card } = params.scorecard;
  return enabled ? withScorecardHint(() => scorecardOutOfFold(data, folds, card)) : undefined;
}

/** A scorecard that cannot be fitted says which param turns it off. */
function withScorecardHint<T>(fit: () => T): T {
  try {
    return fit();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new RangeError(
      `${error.message} (train.scorecard; set train.scorecard.enabled: false to train without it)`,
    );
  }
}

interface Fitted {
  gbdt: GbdtModel;
  baseline: LogisticModel;
  scorecard?: ScorecardModel;
  /** Rows the ONNX parity is checked on, and what to call them. */
  check: Dataset;
  checkName: string;
  /** The scores the choice is made on: out of fold, or on the validation fold. */
  scored: {
    label: Float64Array;
    gbdt: Float64Array;
    baseline: Float64Array;
    scorecard?: Float64Array;
  };
  metrics: Record<string, number>;
  cv?: Candidate["cv"];
}

/** Today's path for large splits: one stratified validation fold for early stopping. */
async function fitOnHoldout(
  data: KeyedDataset,
  params: TrainParams,
  workers: number | undefined,
  onRound: ((info: RoundInfo) => void) | undefined,
): Promise<Fitted> {
  const label = data.label as Float64Array;
  const fold = stratifiedHoldout(label, params.valid_fraction, createRng(params.seed));
  const train = takeRows(data, fold.train);
  const valid = takeRows(data, fold.valid);
  const gbdt = calibrateGbdt(
    await trainGbdt(train, params.gbdt, { valid, onRound, workers }),
    valid,
    params.calibration,
  );
  const baseline = fitLogistic(train, params.baseline);
  const scorecard = fitCard(train, params);
  return {
    gbdt,
    baseline,
    ...(scorecard ? { scorecard } : {}),
    check: valid,
    checkName: "validation fold",
    scored: {
      label: valid.label as Float64Array,
      gbdt: predictProba(gbdt, valid),
      baseline: predictLogisticProba(baseline, valid),
      ...(scorecard ? { scorecard: predictScorecard(scorecard, valid) } : {}),
    },
    metrics: { train_rows: train.rows, valid_rows: valid.rows },
  };
}

/**
 * Small splits: rounds and L2 strength by stratified k-fold CV on the same folds (the
 * scorecard scored out of fold on them too), then every model refitted on all training rows.
 */
async function fitByCrossValidation(
  data: KeyedDataset,
  params: TrainParams,
  workers: number | undefined,
  onRound: ((info: RoundInfo) => void) | undefined,
): Promise<Fitted> {
  const label = data.label as Float64Array;
  const folds = stratifiedKFold(label, params.cv_folds, createRng(params.seed));
  const gbdtParams = { ...params.gbdt };
  const gbdtCv = await crossValidateGbdt(data, folds, gbdtParams, { workers, onRound });
  const logisticCv = crossValidateLogistic(data, folds, params.cv_l2_grid, {
    params: params.baseline,
  });
  const gbdt = calibrateOutOfFold(
    await trainGbdt(
      data,
      { ...gbdtParams, n_rounds: gbdtCv.bestRound, early_stopping_rounds: 0 },
      { workers },
    ),
    gbdtCv.oof,
    label,
    params.calibration,
  );
  const baseline = fitLogistic(data, { ...params.baseline, l2: logisticCv.l2 });
  const scorecardOof = cardOutOfFold(data, folds, params);
  const scorecard = fitCard(data, params);
  return {
    gbdt,
    baseline,
    ...(scorecard ? { scorecard } : {}),
    check: data,
    checkName: "training split",
    scored: {
      label,
      gbdt: gbdtCv.oof,
      baseline: logisticCv.oof,
      ...(scorecardOof ? { scorecard: scorecardOof } : {}),
    },
    metrics: {
      train_rows: data.rows,
      valid_rows: 0,
      cv_folds: folds.length,
      "cv.gbdt.best_round": gbdtCv.bestRound,
      "cv.gbdt.rounds_trained": gbdtCv.roundsTrained,
      [`cv.gbdt.best_mean_${gbdtCv.metric}`]: gbdtCv.meanCurve[gbdtCv.bestRound - 1],
      "cv.baseline.l2": logisticCv.l2,
    },
    cv: { folds: folds.length, gbdt: gbdtCv, logistic: logisticCv },
  };
}

/**
 * The refitted GBDT with Platt's map fitted on the folds' out-of-fold probabilities (their
 * margins, logit p): rows no fold model trained on, as the validation fold is on large data.
 */
function calibrateOutOfFold(
  model: GbdtModel,
  oof: Float64Array,
  label: Float64Array,
  method: CalibrationMethod,
): GbdtModel {
  if (method === "none") return model;
  const margins = oof.map((p) => Math.log(p / (1 - p)));
  const { a, b } = fitPlatt(margins, label);
  const fittedOn = `out-of-fold predictions (${oof.length} rows)`;
  return { ...model, calibration: { method: "platt", a, b, fittedOn } };
}

/** Largest |ONNX − TypeScript| probability over the rows of `data`. */
export async function onnxParity(
  onnx: Uint8Array,
  data: Dataset,
  expected: Float64Array,
): Promise<number> {
  const scorer = await openOnnxScorer(onnx, data.columns.length);
  try {
    const got = await scorer.score(toRowMajorFloat32(data.columns, data.rows), data.rows);
    let worst = 0;
    for (let i = 0; i < data.rows; i++) {
      const gap = Math.abs(got[i] - expected[i]);
      if (!(gap <= worst)) worst = gap; // NaN propagates as a failure
    }
    return worst;
  } finally {
    await scorer.release();
  }
}
