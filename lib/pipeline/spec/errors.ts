/**
 * The one error type of pipeline definitions: every mistake in pipeline.yaml, a
 * `--set-param` or a target names the stage, the field and the rule it broke, and a
 * load reports all of its problems at once rather than the first.
 */

/** The rules a pipeline definition can break. */
export type PipelineRule =
  | "yaml_syntax"
  | "wrong_type"
  | "unknown_field"
  | "bad_stage_name"
  | "bad_path"
  | "unknown_dep"
  | "duplicate_out"
  | "nested_out"
  | "self_dep"
  | "cycle"
  | "missing_param"
  | "bad_param"
  | "unknown_param"
  | "bad_set_param"
  | "unknown_stage"
  | "unknown_state"
  | "bad_revision"
  | "bad_plot"
  | "multiple";

/** One problem found in a pipeline definition. */
export interface PipelineProblem {
  stage?: string;
  field?: string;
  rule: PipelineRule;
  /** What is wrong, e.g. `dep "data/x.parquet" does not exist and no stage outputs it`. */
  detail: string;
  /** Where inside the field, when deeper than the field itself, e.g. `outs[1].cache`. */
  at?: string;
}

/** Where the problem is, as the message shows it: `stage "train", field "deps"`. */
export function describeLocation(problem: PipelineProblem): string {
  const parts: string[] = [];
  if (problem.stage !== undefined) parts.push(`stage "${problem.stage}"`);
  const field = problem.at ?? problem.field;
  if (field !== undefined) parts.push(`field "${field}"`);
  return parts.join(", ");
}

function describeProblem(problem: PipelineProblem): string {
  const location = describeLocation(problem);
  return location === "" ? problem.detail : `${location}: ${problem.detail}`;
}

/**
 * A pipeline definition that cannot be used. With several problems, `rule` is
 * "multiple" and `problems` lists each; with one, its stage, field and rule are on the error.
 * @example
 * ```ts
 * import { PipelineError } from "./errors.ts";
 * const error = new PipelineError("Cannot load pipeline.yaml", [{
 *   stage: "train",
 *   field: "params",
 *   rule: "missing_param",
 *   detail: 'key "train.eta" is not in params',
 * }]);
 * if (!error.message.includes("train.eta")) throw new Error(error.message);
 * ```
 */
export class PipelineError extends Error {
  stage?: string;
  field?: string;
  rule: PipelineRule;
  problems: PipelineProblem[];

  constructor(context: string, problems: PipelineProblem[]) {
    if (problems.length === 0) throw new RangeError("A PipelineError needs at least one problem");
    const message = problems.length === 1
      ? `${context}: ${describeProblem(problems[0])}`
      : `${context}: ${problems.length} problems\n${
        problems.map((problem) => `  - ${describeProblem(problem)}`).join("\n")
      }`;
    super(message);
    this.name = "PipelineError";
    this.problems = problems;
    if (problems.length === 1) {
      this.stage = problems[0].stage;
      this.field = problems[0].field;
      this.rule = problems[0].rule;
    } else {
      this.rule = "multiple";
      const stages = new Set(problems.map((problem) => problem.stage));
      if (stages.size === 1) this.stage = problems[0].stage;
    }
  }
}
