/**
 * The checks that need the whole pipeline: every dep exists or is produced, no out is
 * claimed by two stages, no stage reads its own out, every named param exists, no cycle.
 */
import type { PipelineProblem } from "./errors.ts";
import { computeEdges, cycleProblem, findCycles } from "./graph.ts";
import { lookupParam } from "./params.ts";
import { createPathIndex } from "./repo_path.ts";
import { outField } from "./stage.ts";
import type { OutSpec, StageSpec } from "./types.ts";

/** What the checks need besides the stages. */
export interface CheckContext {
  params: Record<string, unknown>;
  exists: (relPath: string) => boolean;
  /** False when some stage's outs could not be read, so "no stage outputs it" is unknowable. */
  allOutsKnown: boolean;
}

/** Problems per stage name (in the stages' order) and the cycle problems. */
export interface CheckResult {
  byStage: Map<string, PipelineProblem[]>;
  cycles: PipelineProblem[];
}

/** Runs every whole-pipeline check over stages in file order. */
export function checkStages(stages: readonly StageSpec[], context: CheckContext): CheckResult {
  const position = new Map(stages.map((stage, i) => [stage.name, i]));
  const outs = createPathIndex(
    stages.flatMap((stage) => stage.outs.map((out) => [out.path, { stage, out }] as const)),
  );
  const byStage = new Map<string, PipelineProblem[]>();
  for (const stage of stages) {
    const problems: PipelineProblem[] = [];
    const add = (field: string, rule: PipelineProblem["rule"], detail: string) =>
      problems.push({ stage: stage.name, field, rule, detail });

    for (const key of stage.params) {
      if (!lookupParam(context.params, key).found) {
        add("params", "missing_param", `key "${key}" is not in params`);
      }
    }
    for (const dep of stage.deps) {
      const matches = outs.overlapping(dep);
      for (const match of matches) {
        if (match.value.stage !== stage) continue;
        const detail = match.overlap === "same"
          ? `dep "${dep}" is also an out of this stage`
          : match.overlap === "inside"
          ? `dep "${dep}" is inside out "${match.path}" of this stage`
          : `dep "${dep}" contains out "${match.path}" of this stage`;
        add("deps", "self_dep", detail);
      }
      if (matches.length === 0 && context.allOutsKnown && !context.exists(dep)) {
        add("deps", "unknown_dep", `dep "${dep}" does not exist and no stage outputs it`);
      }
    }
    const declared = new Set<OutSpec>();
    for (const out of stage.outs) {
      for (const match of outs.overlapping(out.path)) {
        const other = match.value;
        if (other.stage === stage) {
          if (match.overlap === "same" && declared.has(other.out)) {
            add(outField(out.kind), "duplicate_out", `out "${out.path}" is declared twice`);
          }
          continue;
        }
        // Each pair of stages is reported once, on the later one.
        if (position.get(other.stage.name)! > position.get(stage.name)!) continue;
        const detail = match.overlap === "same"
          ? `out "${out.path}" is also an out of stage "${other.stage.name}"`
          : match.overlap === "inside"
          ? `out "${out.path}" is inside out "${match.path}" of stage "${other.stage.name}"`
          : `out "${out.path}" contains out "${match.path}" of stage "${other.stage.name}"`;
        add(outField(out.kind), match.overlap === "same" ? "duplicate_out" : "nested_out", detail);
      }
      declared.add(out);
    }
    byStage.set(stage.name, problems);
  }
  const names = stages.map((stage) => stage.name);
  const cycles = findCycles(names, computeEdges(stages)).map(cycleProblem);
  return { byStage, cycles };
}
