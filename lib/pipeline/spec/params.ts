/**
 * Params as stages name them: dotted keys into the nested `params:` mapping of
 * pipeline.yaml, and `--set-param key=value` overrides for experiments.
 */
import { parse as parseYaml } from "yaml";
import { PipelineError, type PipelineProblem } from "./errors.ts";
import { flattenKeys } from "./flatten.ts";
import { closestName } from "./closest_name.ts";
import type { PipelineSpec, StageSpec } from "./types.ts";

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Looks a dotted key up, telling found from missing (a param may hold null). */
export function lookupParam(
  params: Record<string, unknown>,
  dottedKey: string,
): { found: true; value: unknown } | { found: false } {
  let node: unknown = params;
  for (const part of dottedKey.split(".")) {
    if (part === "" || !isMapping(node) || !Object.hasOwn(node, part)) return { found: false };
    node = node[part];
  }
  return { found: true, value: node };
}

/**
 * Reads a param by dotted key; a missing key is a PipelineError.
 * @example
 * ```ts
 * import { getParam } from "./params.ts";
 * if (getParam({ train: { eta: 0.1 } }, "train.eta") !== 0.1) throw new Error("expected 0.1");
 * ```
 */
export function getParam(params: Record<string, unknown>, dottedKey: string): unknown {
  const result = lookupParam(params, dottedKey);
  if (!result.found) {
    throw new PipelineError("Cannot read params", [{
      rule: "missing_param",
      detail: `key "${dottedKey}" is not in params`,
    }]);
  }
  return result.value;
}

/** The values of the params a stage names, keyed by dotted key in sorted order. */
export function stageParamValues(spec: PipelineSpec, stage: StageSpec): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of [...stage.params].sort()) values[key] = getParam(spec.params, key);
  return values;
}

/**
 * The param key nearest to an unknown one, for "did you mean": within two edits of the
 * whole dotted key, else the one key that ends with it (`gbdt.max_depth` →
 * `train.gbdt.max_depth`).
 */
export function nearestParamKey(
  params: Record<string, unknown>,
  key: string,
): string | undefined {
  const keys = Object.keys(flattenKeys(params));
  const close = closestName(key, keys);
  if (close !== undefined) return close;
  const suffixed = keys.filter((candidate) => candidate.endsWith(`.${key}`));
  return suffixed.length === 1 ? suffixed[0] : undefined;
}

/**
 * Applies `--set-param` assignments, collecting a problem for each bad one instead of
 * throwing; the input mapping is left untouched. The problems name the flag's key, not
 * a field of pipeline.yaml.
 */
export function setParamsCollecting(
  params: Record<string, unknown>,
  assignments: string[],
): { params: Record<string, unknown>; problems: PipelineProblem[] } {
  const result = structuredClone(params);
  const problems: PipelineProblem[] = [];
  const problem = (detail: string) => problems.push({ rule: "bad_set_param", detail });
  for (const assignment of assignments) {
    const eq = assignment.indexOf("=");
    if (eq <= 0) {
      problem(`expected key=value, received "${assignment}"`);
      continue;
    }
    const key = assignment.slice(0, eq).trim();
    const current = lookupParam(result, key);
    if (!current.found) {
      const hint = nearestParamKey(params, key);
      problems.push({
        rule: "unknown_param",
        detail: hint === undefined
          ? `unknown param ${key}: not in the params of pipeline.yaml`
          : `unknown param ${key}: did you mean ${hint}?`,
      });
      continue;
    }
    if (isMapping(current.value)) {
      problem(`key "${key}" is a section of params, not a value`);
      continue;
    }
    const valueText = assignment.slice(eq + 1);
    let value: unknown;
    try {
      value = parseYaml(valueText);
    } catch {
      problem(`value of "${key}" is not a YAML scalar: ${valueText}`);
      continue;
    }
    if (typeof value === "object" && value !== null) {
      problem(`value of "${key}" is not a YAML scalar: ${valueText}`);
      continue;
    }
    const parts = key.split(".");
    let node = result;
    for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
    node[parts[parts.length - 1]] = value;
  }
  return { params: result, problems };
}

/**
 * Returns params with `key=value` assignments applied (value parsed as a YAML scalar:
 * number, boolean, null or string). Unknown keys and malformed assignments are a
 * PipelineError listing each.
 * @example
 * ```ts
 * import { applySetParams } from "./params.ts";
 * const params = applySetParams({ train: { eta: 0.1 } }, ["train.eta=0.05"]);
 * if (JSON.stringify(params) !== '{"train":{"eta":0.05}}') throw new Error(JSON.stringify(params));
 * ```
 */
export function applySetParams(
  params: Record<string, unknown>,
  assignments: string[],
): Record<string, unknown> {
  const { params: result, problems } = setParamsCollecting(params, assignments);
  if (problems.length > 0) throw new PipelineError("Cannot apply --set-param", problems);
  return result;
}
