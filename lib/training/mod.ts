/**
 * Training the candidates for the train stage: the `train` params, stratified folds,
 * cross-validation of the GBDT's rounds and the logistic L2 strength, the scorecard's
 * out-of-fold scores, Platt calibration and the choice between the three.
 */
export { BaselineParams, CHOOSE_OPTIONS, ScorecardTrainParams, TrainParams } from "./params.ts";
export {
  type Candidate,
  onnxParity,
  trainCandidate,
  type TrainCandidateOptions,
} from "./candidate.ts";
export {
  type CandidateAucs,
  CHOICE_FILE,
  chooseModel,
  LEGACY_CHOICE,
  MODEL_FILES,
  MODEL_KINDS,
  ModelChoice,
  type ModelKind,
  parseModelChoice,
  SIMPLEST_FIRST,
} from "./choice.ts";
export { scorecardOutOfFold } from "./scorecard_cv.ts";
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
