/** The error of a stage whose params are missing or break their rule (exit code 2). */

/**
 * A param a stage reads is missing or invalid; the message names the param and the rule.
 * @example
 * ```ts
 * import { ParamError } from "./param_error.ts";
 * const error = new ParamError("Cannot read params: data.csv.path: expected string");
 * if (!(error instanceof TypeError)) throw new Error("expected a TypeError");
 * ```
 */
export class ParamError extends TypeError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ParamError";
  }
}
