/**
 * What a pipeline is: pipeline.yaml parsed and checked into a PipelineSpec (stages, params,
 * outs), the stage graph it defines, the params and `--set-param` rules, and the
 * PipelineError that names every mistake. Pure apart from `loadPipeline`; imports nothing
 * from `../run/`, and from `../store/` only the canonical JSON that param reasons print.
 * @example
 * ```ts
 * import { buildGraph, parsePipeline } from "./mod.ts";
 * const text = "stages:\n  hello:\n    cmd: echo hi > out.txt\n    outs: [out.txt]\n";
 * const spec = parsePipeline(text, { exists: () => false });
 * const graph = buildGraph(spec);
 * if (graph.producerOf("out.txt") !== "hello") throw new Error("out.txt has no producer");
 * ```
 */
export type { OutSpec, PipelineSpec, StageSpec } from "./types.ts";
export { describeLocation, PipelineError, type PipelineProblem } from "./errors.ts";
export { loadPipeline, type ParseOptions, parsePipeline } from "./load.ts";
export { applySetParams, getParam, stageParamValues } from "./params.ts";
export { formatParamValue, paramReasons } from "./param_reasons.ts";
export { buildGraph, type StageGraph, stageGraphOf } from "./graph.ts";
export { flattenLeaves, formatValue } from "./flatten.ts";
export { closestName } from "./closest_name.ts";
export { PLOT_TEMPLATES, type PlotSpec, type PlotTemplate, readPlots } from "./plots.ts";
export { normaliseRepoPath } from "./repo_path.ts";
export { PARAMS_ENV, SET_PARAMS_ENV, setParamKeys } from "./stage_env.ts";
