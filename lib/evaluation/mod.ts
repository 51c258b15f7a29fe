/**
 * Evaluation of a candidate: metrics of every model on the test split, curves, outcomes
 * by tier, importance and the promotion gate. The static report built from them is
 * ./report/mod.ts (not re-exported: the report reads an {@link Evaluation}).
 */
export {
  alignFeatures,
  evaluateCandidate,
  type EvaluateOptions,
  type Evaluation,
  type ModelCurves,
  type ProductionModel,
  type ShapSample,
} from "./evaluate.ts";
export {
  evaluateGate,
  type GateCheck,
  type GateInput,
  GateParams,
  type GateResult,
  overlapShare,
} from "./gate.ts";
export {
  type AttributeFairness,
  type FairnessCutoff,
  type FairnessReport,
  fairnessReport,
  FOUR_FIFTHS,
  type GroupFairness,
  type ProtectedColumn,
} from "./fairness.ts";
export { confusionByTier, type TierOutcome } from "./tiers.ts";
