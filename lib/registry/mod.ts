/**
 * The local model registry: versions, checksums, lineage, aliases and their verified
 * history, tags, the stages of before read off the aliases, and a
 * version's on-disk formats (serving info and its request rules, feature snapshot, the
 * serving artifacts written at register time, watching for promotions).
 */
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
  type RegistryIndex,
  type VersionInfo,
} from "./store.ts";
export {
  promote,
  type PromoteOptions,
  promoteVersion,
  rollback,
  rollbackAlias,
  type RollbackOptions,
} from "./transitions.ts";
export {
  ALIAS_NAME,
  type AliasChange,
  checkAliasName,
  listAliases,
  type MoveOptions,
  resolveAlias,
  setAlias,
  type SetAliasOptions,
  unsetAlias,
} from "./aliases.ts";
export { parseTagArguments, removeTags, setTags, type TagChange } from "./tags.ts";
export {
  type AliasMove,
  GENESIS_HASH,
  HISTORY_FILE,
  type HistoryEntry,
  TamperedHistoryError,
} from "./history.ts";
export { readRegistryState, type RegistryState } from "./registry_state.ts";
export { CHALLENGER, CHAMPION, STAGE_ALIASES } from "./stage_names.ts";
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
export { parseServingInfo, SERVING_FILE, ServingInfo, SNAPSHOT_FILE } from "./serving_info.ts";
export { createFeatureSnapshot, type FeatureSnapshot, loadFeatureSnapshot } from "./snapshot.ts";
export { type RegistryWatcher, watchRegistry, type WatchRegistryOptions } from "./watch.ts";
export { type ServingArtifactsInput, writeServingArtifacts } from "./artifacts.ts";
export { compileCsvRowReader, type CsvRowRead, type CsvRowReader } from "./csv_row.ts";
export { type RequestRules, requestRules } from "./request_rules.ts";
export {
  type LoadedVersion,
  loadProductionVersion,
  loadVersion,
  loadVersionSnapshot,
} from "./load_version.ts";
