/**
 * The one place that maps typed errors to HTTP answers: a request the server refuses
 * (RequestError: 400, 413, 415, 422), no model loaded (NoModelError: 503), and an answer a
 * route gives up with (HttpError: 401, 404, 405, a failed reload's 500). Every body is the
 * documented Error shape `{ error, issues }`; any other error is a server fault.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { RowIssue } from "../lib/contracts/mod.ts";
import { NoModelError } from "../lib/scoring/live_model.ts";
import { RequestError } from "../lib/scoring/request.ts";
import { jsonAnswer } from "./sized_answer.ts";

/** What an {@link HttpError} adds to its status and message. */
export interface HttpErrorOptions {
  issues?: RowIssue[];
  /** Response headers (e.g. `Allow` of a 405, `WWW-Authenticate` of a 401). */
  headers?: Record<string, string>;
  /** Body fields placed between `error` and `issues` (e.g. `before` of a failed reload). */
  fields?: Record<string, unknown>;
}

/** An HTTP answer a route or middleware gives up with (thrown, answered by the app). */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly options: HttpErrorOptions = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

/** An error's HTTP answer. */
export interface ErrorResponse {
  status: ContentfulStatusCode;
  body: { error: string; issues: RowIssue[]; [field: string]: unknown };
  headers: Record<string, string>;
}

/**
 * The answer to a typed error; undefined for any other error (a server fault).
 * @example
 * errorResponse(new NoModelError()); // { status: 503, body: { error: "No model…", issues: [] }, headers: {} }
 */
export function errorResponse(error: unknown): ErrorResponse | undefined {
  if (error instanceof RequestError) {
    return { status: error.status, body: error.toJSON(), headers: {} };
  }
  if (error instanceof NoModelError) {
    return { status: 503, body: { error: error.message, issues: [] }, headers: {} };
  }
  if (error instanceof HttpError) {
    const { issues = [], headers = {}, fields = {} } = error.options;
    return { status: error.status, body: { error: error.message, ...fields, issues }, headers };
  }
  return undefined;
}

/** Answers `c` with the error's response; undefined when the error is a server fault. */
export function respondWithError(c: Context, error: unknown): Response | undefined {
  const answer = errorResponse(error);
  return answer && jsonAnswer(c, answer.body, answer.status, answer.headers);
}
