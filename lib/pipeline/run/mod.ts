/**
 * How a pipeline is brought up to date: the fast no-op loaders, the pure plan, stage
 * fingerprints (code deps from the import graph, params, state), the scheduler, the
 * executor, one stage's run or restore, `--dry`, the repro mutex, the lock writer and the
 * summary table. Uses `../spec/` and `../store/`; neither uses it.
 * @example
 * ```ts ignore
 * import { renderSummary, repro } from "./mod.ts";
 * const summary = await repro(".", { targets: ["train"] });
 * console.log(renderSummary(summary.stages));
 * ```
 */
export { loadPipelineCached, readLockCached } from "./load_cached.ts";
export { planRepro, resolveTargets } from "./plan.ts";
export { fingerprintStage, type StageFingerprint, staleReasons } from "./fingerprint.ts";
export { findCodeDeps } from "./code_deps.ts";
export { repro, type ReproOptions, type ReproSummary } from "./repro.ts";
export { acquireReproMutex, ReproLockedError } from "./mutex.ts";
export { renderSummary, type StageOutcome } from "./summary.ts";
