/**
 * The runner's public face: load and validate pipeline.yaml, plan and reproduce it,
 * inspect its status and graph. The CLI (lib/cli/) and notebooks call these.
 * @example
 * const summary = await repro(".", { targets: ["train"] });
 * console.log(renderSummary(summary.stages));
 */
export type { OutSpec, PipelineSpec, StageSpec } from "./types.ts";
export { PipelineError } from "./errors.ts";
export { loadPipeline, parsePipeline } from "./spec.ts";
export { applySetParams, getParam, stageParamValues } from "./params.ts";
export { buildGraph, type StageGraph } from "./graph.ts";
export { planRepro } from "./plan.ts";
export { renderDagDot, renderDagMermaid, renderDagText } from "./dag.ts";
export { repro, type ReproOptions, type ReproSummary } from "./repro.ts";
export { pipelineStatus, renderStatus, type StageStatus } from "./status.ts";
export { renderSummary, type StageOutcome } from "./summary.ts";
export { type LockEntry, type LockFile, readLock } from "./lock.ts";
export { collectGarbage, type GcOptions, type GcResult } from "./gc.ts";
