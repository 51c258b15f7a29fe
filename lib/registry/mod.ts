/** The local model registry: versions, checksums, lineage and stage transitions. */
export {
  listVersions,
  loadVerifiedVersion,
  productionVersion,
  readIndex,
  readVersion,
  type RegisteredVersion,
  type RegisterInput,
  registerVersion,
  type VersionInfo,
} from "./store.ts";
export { promote, type PromoteOptions, rollback } from "./transitions.ts";
export {
  type AppliedPromotion,
  type ApplyPromotionInput,
  applyPromotionPolicy,
} from "./apply_promotion.ts";
export {
  decidePromotion,
  PROMOTION_POLICIES,
  type PromotionDecision,
  type PromotionInput,
  type PromotionPolicy,
  RegisterParams,
} from "./promotion_policy.ts";
export { compareVersions, type MetricComparison } from "./compare.ts";
export {
  MODEL_STAGES,
  type ModelStage,
  TamperedArtifactError,
  type Transition,
  type VersionRecord,
} from "./types.ts";
