/**
 * The `train` section of the params: one schema for the pipeline's check before any
 * stage runs and for the train stage itself.
 */
import { z } from "zod";
import { GbdtParamsInput } from "../model/gbdt/params.ts";
import { ScorecardParams } from "../model/scorecard/params.ts";
import { MODEL_KINDS } from "./choice.ts";
import { OutlierParams } from "../model/outlier/params.ts";

/** params.train.baseline: the logistic baseline (defaults in lib/model/logistic). */
export const BaselineParams = z.strictObject({
  /** L2 penalty on the coefficients (not the intercept); 1 / C in sklearn terms. */
  l2: z.number().min(0).optional(),
  /** Newton iterations allowed before giving up. */
  max_iter: z.number().int().min(1).optional(),
  /** Convergence when max |gradient| / rows ≤ tol. */
  tol: z.number().gt(0).optional(),
});

/**
 * params.train.scorecard: the WOE scorecard candidate — binning, the logistic fit on WOE
 * and the points scaling (defaults in lib/model/scorecard) — and whether it is trained.
 */
export const ScorecardTrainParams = ScorecardParams.extend({
  /** false: train only the GBDT and the logistic model. */
  enabled: z.boolean().default(true),
});

/** What `train.choose` may name: the rule (`auto`) or one kind. */
export const CHOOSE_OPTIONS = ["auto", ...MODEL_KINDS] as const;

/** params.train */
export const TrainParams = z.strictObject({
  /** Seed of the validation fold carved from the training split. */
  seed: z.number().int().default(11),
  /** Share of the training split held out for early stopping. */
  valid_fraction: z.number().gt(0).lt(1).default(0.15),
  /** GBDT params (XGBoost names), every default filled in. */
  gbdt: GbdtParamsInput.prefault({}),
  /** Logistic baseline params. */
  baseline: BaselineParams.default({}),
  /** The WOE scorecard, the third candidate. */
  scorecard: ScorecardTrainParams.prefault({}),
  /**
   * Which model the candidate serves: `auto` applies the choice rule (least flexible
   * first, a more flexible model must lead by more than `choice_margin`); a kind forces it.
   */
  choose: z.enum(CHOOSE_OPTIONS).default("auto"),
  /**
   * Recalibration of the GBDT's probability: `platt` fits p = σ(a · margin + b) on the
   * validation fold and carries it into model.json and model.onnx.
   */
  calibration: z.enum(["none", "platt"]).default("none"),
  /**
   * Below this many training rows the GBDT's rounds and the baseline's L2 strength are
   * chosen by stratified k-fold cross-validation and both are refitted on every row;
   * at or above it one validation fold (`valid_fraction`) is held out. 0 turns CV off.
   */
  cv_below_rows: z.number().int().min(0).default(50_000),
  /** Folds of that cross-validation (seeded by `seed`). */
  cv_folds: z.number().int().min(2).max(20).default(5),
  /**
   * L2 strengths (1 / C) tried for the baseline by cross-validation, walked from the
   * strongest down until two in a row lose; the lowest mean fold log loss wins.
   */
  /**
   * How much higher a more complex model's out-of-fold (or validation) AUC must be for it
   * to be chosen over a simpler one (logistic, then scorecard, then GBDT); within it the
   * simpler model is kept. 0: the higher AUC wins (a tie keeps the simpler).
   */
  choice_margin: z.number().min(0).max(0.1).default(0.002),
  cv_l2_grid: z.array(z.number().positive()).min(1).default([
    1e-4,
    1e-3,
    1e-2,
    1e-1,
    1,
    10,
    100,
    1e3,
    1e4,
  ]),
  /** Largest tolerated |ONNX − TypeScript| probability difference on the validation fold. */
  onnx_tolerance: z.number().positive().default(1e-6),
  /** The outlier model (isolation forest and robust Mahalanobis) fitted beside the models. */
  outliers: OutlierParams.prefault({}),
}).superRefine((params, ctx) => {
  if (params.choose === "scorecard" && !params.scorecard.enabled) {
    ctx.addIssue({
      code: "custom",
      path: ["choose"],
      message: "Cannot choose the scorecard when train.scorecard.enabled is false",
    });
  }
});
export type TrainParams = z.infer<typeof TrainParams>;
