/**
 * Training the candidate pair for the train stage: the `train` params, stratified folds,
 * cross-validation of the GBDT's rounds and the logistic L2 strength, Platt calibration and the
 * choice between the two.
 */
export { BaselineParams, TrainParams } from "./params.ts";
export {
  type Candidate,
  onnxParity,
  trainCandidate,
  type TrainCandidateOptions,
} from "./candidate.ts";
export {
  CHOICE_FILE,
  chooseModel,
  LEGACY_CHOICE,
  MODEL_FILES,
  MODEL_KINDS,
  ModelChoice,
  type ModelKind,
  parseModelChoice,
} from "./choice.ts";
export { type Fold, stratifiedKFold } from "./folds.ts";
export { crossValidateGbdt, type GbdtCvOptions, type GbdtCvResult } from "./gbdt_cv.ts";
export {
  crossValidateLogistic,
  type L2Score,
  type LogisticCvOptions,
  type LogisticCvResult,
} from "./logistic_cv.ts";
export { calibrateGbdt, type CalibrationMethod, fitPlatt, type PlattFit } from "./calibration.ts";
export { createRoundBarrier, type RoundBarrier, type RoundDecision } from "./round_barrier.ts";
