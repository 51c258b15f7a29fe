/**
 * Which stages a repro considers, and in what order. Pure: the graph in, stage names out.
 *
 *     ingest ──► features ──► split ──► train
 *                    └──────► report
 *
 * `planRepro(graph, ["split"])` is [ingest, features, split]; with `downstream` it is
 * [split, train]; with no targets it is every stage.
 */
import { closestName } from "../spec/closest_name.ts";
import { PipelineError } from "../spec/errors.ts";
import type { StageGraph } from "../spec/graph.ts";
import { normaliseRepoPath } from "../spec/repo_path.ts";

/** Options of planRepro. */
export interface PlanOptions {
  /** Take the targets and everything after them instead of everything before them. */
  downstream?: boolean;
}

/**
 * Resolves a target: a stage name, or a path one stage outputs. Unknown targets are a
 * PipelineError listing each.
 */
export function resolveTargets(graph: StageGraph, targets: string[]): string[] {
  const resolved: string[] = [];
  const unknown: string[] = [];
  for (const target of targets) {
    if (graph.stages.has(target)) {
      resolved.push(target);
      continue;
    }
    const normalised = normaliseRepoPath(target);
    const producer = "path" in normalised ? graph.producerOf(normalised.path) : undefined;
    if (producer !== undefined) resolved.push(producer);
    else unknown.push(target);
  }
  if (unknown.length > 0) {
    throw new PipelineError(
      "Cannot plan repro",
      unknown.map((target) => {
        const hint = closestName(target, [...graph.stages.keys()]);
        return {
          rule: "unknown_stage",
          detail: `"${target}" is neither a stage nor an out of one` +
            (hint === undefined ? "" : `, did you mean "${hint}"?`),
        };
      }),
    );
  }
  return resolved;
}

/**
 * The stages to consider for `repro [targets]`, in topological order: all stages without
 * targets; the targets and everything upstream of them; or, with `downstream`, the
 * targets and everything downstream of them.
 */
export function planRepro(
  graph: StageGraph,
  targets: string[],
  options: PlanOptions = {},
): string[] {
  if (targets.length === 0) return [...graph.order];
  const next = options.downstream
    ? (name: string) => graph.downstream(name)
    : (name: string) => graph.upstream(name);
  const selected = new Set<string>();
  const queue = resolveTargets(graph, targets);
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (selected.has(name)) continue;
    selected.add(name);
    queue.push(...next(name));
  }
  return graph.order.filter((name) => selected.has(name));
}
