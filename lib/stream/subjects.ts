/**
 * Where riskpipe's events go in JetStream: one stream, RISKPIPE, holding every subject
 * under `riskpipe.>`; a scored row on `riskpipe.scored.<endpoint>.<version>`, an outcome on
 * `riskpipe.outcome.<version>`. An endpoint or version becomes one subject token: every
 * character outside [A-Za-z0-9_-] becomes "_" ("/predict/batch" → "predict_batch").
 */

/** Name of the stream that holds every riskpipe subject. */
export const STREAM_NAME = "RISKPIPE";

/** Subjects of the stream (every subject below `riskpipe.`). */
export const STREAM_SUBJECTS = ["riskpipe.>"];

/**
 * One NATS subject token from any text: no ".", "*", ">" or white space; never empty.
 * @example
 * ```ts
 * import { subjectToken } from "./subjects.ts";
 * if (subjectToken("/v2/models/m.1/infer") !== "v2_models_m_1_infer") throw new Error("bad token");
 * ```
 */
export function subjectToken(text: string): string {
  const token = text.replace(/[^A-Za-z0-9_-]+/g, "_").replace(/^_+|_+$/g, "");
  return token === "" ? "_" : token;
}

/** Subject of a row scored by `endpoint` with model `version`. */
export function scoredSubject(endpoint: string, version: string): string {
  return `riskpipe.scored.${subjectToken(endpoint)}.${subjectToken(version)}`;
}

/** Subject of an outcome of a prediction by model `version`. */
export function outcomeSubject(version: string): string {
  return `riskpipe.outcome.${subjectToken(version)}`;
}
