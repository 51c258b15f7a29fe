/**
 * The runner's public face: load and validate pipeline.yaml, plan and reproduce it,
 * inspect its status and graph. The CLI (lib/cli/) and notebooks call these. Inside:
 * `spec/` (what a pipeline is), `store/` (cache, stat cache, run-cache, lock), `run/`
 * (plan, fingerprints, executor, repro); the files here are what the CLI reads (status,
 * dag, metrics, params diff, revisions) and may use all three, which never use them.
 * @example
 * ```ts ignore
 * const summary = await repro(".", { targets: ["train"] });
 * console.log(renderSummary(summary.stages));
 * ```
 */
export type { OutSpec, PipelineSpec, StageSpec } from "./spec/types.ts";
export { PipelineError } from "./spec/errors.ts";
export { loadPipeline, parsePipeline } from "./spec/load.ts";
export { applySetParams, getParam, stageParamValues } from "./spec/params.ts";
export { buildGraph, type StageGraph } from "./spec/graph.ts";
export { planRepro } from "./run/plan.ts";
export { renderDagDot, renderDagMermaid, renderDagText } from "./dag.ts";
export { repro, type ReproOptions, type ReproSummary } from "./run/repro.ts";
export { pipelineStatus, renderStatus, type StageStatus } from "./status.ts";
export { renderSummary, type StageOutcome } from "./run/summary.ts";
export { type LockEntry, type LockFile, readLock } from "./store/lock.ts";
export { collectGarbage, type GcOptions, type GcResult } from "./store/gc.ts";
