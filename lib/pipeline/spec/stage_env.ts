/**
 * How the runner hands a stage process its params: the effective params (after
 * `--set-param` overrides) as JSON in RISKPIPE_PARAMS, and the dotted keys set with
 * `--set-param` as JSON in RISKPIPE_SET_PARAMS. lib/stage reads them in the stage.
 */

/** The env var through which the runner hands a stage its params. */
export const PARAMS_ENV = "RISKPIPE_PARAMS";

/** The env var through which the runner lists the keys set with `--set-param`. */
export const SET_PARAMS_ENV = "RISKPIPE_SET_PARAMS";

/**
 * The dotted keys of the `key=value` assignments, in the order given.
 * @example
 * ```ts
 * import { setParamKeys } from "./stage_env.ts";
 * const keys = setParamKeys(["train.gbdt.max_depth=6"]);
 * if (keys.join() !== "train.gbdt.max_depth") throw new Error(`got ${keys}`);
 * ```
 */
export function setParamKeys(assignments: readonly string[]): string[] {
  return assignments.map((assignment) => assignment.split("=", 1)[0].trim());
}
