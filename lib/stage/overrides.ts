/**
 * Which params of this run came from `repro --set-param`: the runner lists their dotted
 * keys as JSON in RISKPIPE_SET_PARAMS, so a stage can act differently in an experiment
 * (`register` does not promote a version an experiment produced unless asked).
 */
import { SET_PARAMS_ENV } from "../pipeline/spec/stage_env.ts";

export { SET_PARAMS_ENV, setParamKeys } from "../pipeline/spec/stage_env.ts";

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
