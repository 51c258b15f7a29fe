/**
 * Which params of this run came from `repro --set-param`: the runner lists their dotted
 * keys as JSON in RISKPIPE_SET_PARAMS, so a stage can act differently in an experiment
 * (`register` does not promote a version an experiment produced unless asked).
 */

/** The env var through which the runner lists the keys set with `--set-param`. */
export const SET_PARAMS_ENV = "RISKPIPE_SET_PARAMS";

/**
 * The dotted keys of the `key=value` assignments, in the order given.
 * @example
 * ```ts
 * import { setParamKeys } from "./overrides.ts";
 * const keys = setParamKeys(["train.gbdt.max_depth=6"]);
 * if (keys.join() !== "train.gbdt.max_depth") throw new Error(`got ${keys}`);
 * ```
 */
export function setParamKeys(assignments: readonly string[]): string[] {
  return assignments.map((assignment) => assignment.split("=", 1)[0].trim());
}

/** The keys the runner says were set with `--set-param` (none for a stage run by hand). */
export function readSetParamKeys(): string[] {
  const text = Deno.env.get(SET_PARAMS_ENV);
  if (text === undefined || text === "") return [];
  const keys: unknown = JSON.parse(text);
  if (!Array.isArray(keys) || keys.some((key) => typeof key !== "string")) {
    throw new TypeError(`Cannot read ${SET_PARAMS_ENV}: expected a JSON list of param keys`);
  }
  return keys;
}
