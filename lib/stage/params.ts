/**
 * How a stage process learns its params. The runner passes the effective params (after
 * `--set-param` overrides) as JSON in RISKPIPE_PARAMS; a stage started by hand falls
 * back to the params of pipeline.yaml in the working directory.
 */
import { parse as parseYaml } from "yaml";
import type { z } from "zod";
import { describeParamIssues, ParamsError } from "../pipeline/spec/param_issues.ts";
import { PARAMS_ENV } from "../pipeline/spec/stage_env.ts";

export { PARAMS_ENV };

/** Returns the pipeline's params mapping as the running stage should see it. */
export async function loadStageParams(): Promise<Record<string, unknown>> {
  const fromRunner = Deno.env.get(PARAMS_ENV);
  if (fromRunner !== undefined) {
    const parsed = JSON.parse(fromRunner);
    if (!isRecord(parsed)) throw new TypeError(`Cannot read ${PARAMS_ENV}: not a JSON object`);
    return parsed;
  }
  const text = await Deno.readTextFile("pipeline.yaml");
  const doc = parseYaml(text);
  if (!isRecord(doc)) throw new TypeError("Cannot read pipeline.yaml: not a mapping");
  const params = doc.params ?? {};
  if (!isRecord(params)) {
    throw new TypeError('Cannot read pipeline.yaml: "params" is not a mapping');
  }
  return params;
}

/**
 * Reads one section of the params (e.g. "data") and validates it with a zod schema,
 * so a stage fails with the param's dotted key and rule (a ParamsError) rather than deep
 * in its work.
 * @example
 * ```ts
 * import { z } from "zod";
 * import { loadParamsSection, PARAMS_ENV } from "./params.ts";
 * // The runner passes the params in PARAMS_ENV; a stage run by hand reads pipeline.yaml.
 * Deno.env.set(PARAMS_ENV, JSON.stringify({ data: { source: "synthetic" } }));
 * const data = await loadParamsSection("data", z.object({ source: z.string() }));
 * Deno.env.delete(PARAMS_ENV);
 * if (data.source !== "synthetic") throw new Error(`got ${data.source}`);
 * ```
 */
export async function loadParamsSection<T>(section: string, schema: z.ZodType<T>): Promise<T> {
  const params = await loadStageParams();
  const value = params[section] ?? {};
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ParamsError(describeParamIssues(section, schema, value, result.error.issues));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
