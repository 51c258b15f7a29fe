/**
 * How a stage's uncaught error ends the process: one line on stderr (the stack only when
 * RISKPIPE_DEBUG is set) and exit code 2 for a param error, 1 for anything else.
 */

/** Env var that adds the stack to a failure message. */
export const DEBUG_ENV = "RISKPIPE_DEBUG";

/** Error names of a param mistake: the params failed their schema, or one is missing. */
const PARAM_ERRORS = new Set(["ParamError", "ParamsError", "PipelineError"]);

/** Exit code of a stage that failed with `error`. */
export function stageExitCode(error: unknown): number {
  return error instanceof Error && PARAM_ERRORS.has(error.name) ? 2 : 1;
}

/**
 * What a failed stage prints: `Stage failed: <message>`, with the stack after it when asked.
 * @example
 * ```ts
 * import { formatStageFailure } from "./failure.ts";
 * const message = formatStageFailure(new TypeError("Cannot read x"), false);
 * if (message !== "Stage failed: Cannot read x") throw new Error(message);
 * ```
 */
export function formatStageFailure(error: unknown, debug: boolean): string {
  const message = error instanceof Error ? error.message : String(error);
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : "";
  return `Stage failed: ${message}${stack}`;
}

/** Prints the failure and exits with its code. */
export function failStage(error: unknown): never {
  console.error(formatStageFailure(error, Boolean(Deno.env.get(DEBUG_ENV))));
  Deno.exit(stageExitCode(error));
}
