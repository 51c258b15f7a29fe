/**
 * The train/test split: seeded, stratified on the target, one entity per row, refusing
 * duplicate ids, ids in both parts, drifting target rates and leaking features.
 */
export { assignStratified } from "./assign.ts";
export type { AssignOptions } from "./assign.ts";
export { checkDisjoint, checkIds, checkTargetRates, checkTargets, targetRate } from "./checks.ts";
export { SplitCheckError } from "./errors.ts";
export type { SplitCheck } from "./errors.ts";
export { levelRateScores, missingnessAuc, screenFeature, separationAuc } from "./leakage.ts";
export type { LeakageScore, ScreenOptions, SeparationAuc } from "./leakage.ts";
export { SPLIT_MANIFEST_FILE, splitFeatureStore } from "./split_store.ts";
export type { SplitOptions, SplitReport } from "./split_store.ts";
