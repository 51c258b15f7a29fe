/**
 * What a stage process shares: its params (passed by the runner, checked by one zod schema
 * per section, `--set-param` overrides), param errors worded for people, the params check the CLI
 * runs before any stage, and how an uncaught error ends the process. The side-effect import
 * `lib/stage/entry.ts` is not re-exported: a stage imports it directly, first.
 */
export { loadParamsSection, loadStageParams, PARAMS_ENV } from "./params.ts";
export { assertValidParams, findParamProblems, PARAM_SECTIONS } from "./param_schemas.ts";
export { checkParams, PARAMS_CHECK_FILE, SCHEMA_MODULES } from "./check_params.ts";
export { ParamError } from "./param_error.ts";
export {
  describeParamIssues,
  describeRule,
  formatParamProblem,
  type ParamIssueOptions,
  type ParamProblem,
  ParamsError,
} from "../pipeline/spec/param_issues.ts";
export { readSetParamKeys, SET_PARAMS_ENV, setParamKeys } from "./overrides.ts";
export { DEBUG_ENV, failStage, formatStageFailure, stageExitCode } from "./failure.ts";
