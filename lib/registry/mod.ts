/** The local model registry: versions, checksums, lineage and stage transitions. */
export {
  listVersions,
  loadVerifiedVersion,
  type LoadVersionOptions,
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
export {
  canSign,
  ED25519_PRIVATE_ENV,
  ED25519_PUBLIC_ENV,
  SignatureError,
  SIGNING_KEY_ENV,
  type SigningKeys,
  signingKeysFromEnv,
  verifyVersionSignature,
  type VersionSignature,
} from "./signature.ts";
export { signVersion } from "./sign_version.ts";
