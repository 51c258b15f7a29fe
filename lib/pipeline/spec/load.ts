/**
 * Loads pipeline.yaml into a validated PipelineSpec. Every mistake found is collected and
 * reported together in one PipelineError, each naming its stage, field and rule.
 */
import { join } from "node:path";
import { parseDocument } from "yaml";
import { PipelineError, type PipelineProblem } from "./errors.ts";
import { setParamsCollecting } from "./params.ts";
import { checkStages } from "./checks.ts";
import { describeValue, TOP_LEVEL_FIELDS, unknownFieldDetail } from "./schema.ts";
import { readStage } from "./stage.ts";
import { readPlots } from "./plots.ts";
import { isSameOrInside } from "./repo_path.ts";
import type { PipelineSpec, StageSpec } from "./types.ts";

/** Options of parsePipeline. */
export interface ParseOptions {
  /** `key=value` overrides applied to params before the stages are checked against them. */
  setParams?: string[];
  /** Whether a repo-relative path exists (deps that no stage produces must). */
  exists: (relPath: string) => boolean;
}

const CONTEXT = "Cannot load pipeline.yaml";

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Parses and validates pipeline.yaml text (pure: the file system is reached only through
 * `exists`).
 * @example
 * ```ts
 * import { parsePipeline } from "./load.ts";
 * const files = new Set(["in.txt"]);
 * const text = "stages:\n  copy:\n    cmd: cp in.txt out.txt\n    deps: [in.txt]\n    outs: [out.txt]\n";
 * const spec = parsePipeline(text, { exists: (path) => files.has(path) });
 * if (spec.stages[0].name !== "copy") throw new Error("expected the copy stage");
 * ```
 */
export function parsePipeline(text: string, options: ParseOptions): PipelineSpec {
  return validatePipeline(parseYamlDocument(text), options);
}

/** Parses pipeline.yaml text to plain data; YAML errors are a PipelineError listing each. */
export function parseYamlDocument(text: string): unknown {
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    throw new PipelineError(
      CONTEXT,
      document.errors.map((error) => ({
        rule: "yaml_syntax",
        detail: `invalid YAML: ${error.message.split("\n")[0].replace(/:$/, "")}`,
      })),
    );
  }
  return document.toJS();
}

/**
 * Validates an already parsed pipeline.yaml document (e.g. from a cache of the parse)
 * into a PipelineSpec, with the same checks and errors as parsePipeline.
 */
export function validatePipeline(document: unknown, options: ParseOptions): PipelineSpec {
  const root = document ?? {};
  if (!isMapping(root)) {
    throw new PipelineError(CONTEXT, [{
      rule: "wrong_type",
      detail: `expected a mapping with "params" and "stages", received ${describeValue(root)}`,
    }]);
  }
  const problems: PipelineProblem[] = [];
  for (const key of Object.keys(root)) {
    if (!(TOP_LEVEL_FIELDS as readonly string[]).includes(key)) {
      problems.push({
        field: key,
        rule: "unknown_field",
        detail: unknownFieldDetail(key, TOP_LEVEL_FIELDS),
      });
    }
  }
  let params: Record<string, unknown> = {};
  if (root.params !== undefined && root.params !== null) {
    if (isMapping(root.params)) params = root.params;
    else {
      problems.push({
        field: "params",
        rule: "wrong_type",
        detail: `expected a mapping, received ${describeValue(root.params)}`,
      });
    }
  }
  // A bad --set-param is the flag's fault, reported apart from pipeline.yaml's problems.
  const overridden = setParamsCollecting(params, options.setParams ?? []);

  const rawStages = root.stages ?? {};
  if (!isMapping(rawStages)) {
    problems.push({
      field: "stages",
      rule: "wrong_type",
      detail: `expected a mapping of stage names to stages, received ${describeValue(rawStages)}`,
    });
    throw new PipelineError(CONTEXT, problems);
  }
  const stages: StageSpec[] = [];
  const stageProblems = new Map<string, PipelineProblem[]>();
  let allOutsKnown = true;
  for (const [name, raw] of Object.entries(rawStages)) {
    const read = readStage(name, raw);
    stages.push(read.stage);
    stageProblems.set(name, read.problems);
    allOutsKnown &&= read.outsKnown;
  }
  const checked = checkStages(stages, {
    params: overridden.params,
    exists: options.exists,
    allOutsKnown,
  });
  for (const stage of stages) {
    problems.push(...stageProblems.get(stage.name)!, ...checked.byStage.get(stage.name)!);
  }
  problems.push(...checked.cycles);
  const outPaths = stages.flatMap((stage) => stage.outs.map((out) => out.path));
  const plots = readPlots(
    root.plots,
    (path) => outPaths.some((out) => isSameOrInside(path, out)) || options.exists(path),
  );
  problems.push(...plots.problems);
  if (problems.length > 0) throw new PipelineError(CONTEXT, problems);
  if (overridden.problems.length > 0) {
    throw new PipelineError("Cannot apply --set-param", overridden.problems);
  }
  return {
    params: overridden.params,
    stages,
    ...(plots.plots.length === 0 ? {} : { plots: plots.plots }),
  };
}

/**
 * Reads and validates `<root>/pipeline.yaml`, applying `--set-param` overrides.
 * @example
 * ```ts
 * import { loadPipeline } from "./load.ts";
 * const root = await Deno.makeTempDir();
 * await Deno.writeTextFile(
 *   `${root}/pipeline.yaml`,
 *   "params:\n  train:\n    eta: 0.1\nstages:\n  train:\n    cmd: echo > m.txt\n" +
 *     "    params: [train.eta]\n    outs: [m.txt]\n",
 * );
 * const spec = await loadPipeline(root, { setParams: ["train.eta=0.05"] });
 * await Deno.remove(root, { recursive: true });
 * if (spec.params.train === undefined) throw new Error("expected the train params");
 * ```
 */
export async function loadPipeline(
  root: string,
  options: { setParams?: string[] } = {},
): Promise<PipelineSpec> {
  let text: string;
  try {
    text = await Deno.readTextFile(join(root, "pipeline.yaml"));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) {
      throw new PipelineError(CONTEXT, [{
        rule: "bad_path",
        detail: `no pipeline.yaml in ${root}`,
      }]);
    }
    throw error;
  }
  return parsePipeline(text, {
    setParams: options.setParams,
    exists: (relPath) => {
      try {
        Deno.statSync(join(root, relPath));
        return true;
      } catch {
        return false;
      }
    },
  });
}
