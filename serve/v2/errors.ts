/**
 * Errors of the Open Inference Protocol routes and their answers: the protocol's body is
 * `{ "error": "…" }` (no `issues`), so every refusal names its tensor, field and rule in
 * that one line. The body-reading and no-model errors of the rest of the API map to the
 * same form here.
 */
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { NoModelError } from "../../lib/scoring/live_model.ts";
import { RequestError } from "../../lib/scoring/request.ts";

/** A V2 request the server refuses, with its HTTP status (400 unless said otherwise). */
export class V2Error extends Error {
  constructor(message: string, readonly status: 400 | 404 | 413 | 415 | 503 = 400) {
    super(message);
    this.name = "V2Error";
  }
}

/** The protocol's error answer to a typed error; undefined for a server fault. */
export function v2ErrorAnswer(
  error: unknown,
): { status: ContentfulStatusCode; body: { error: string } } | undefined {
  if (error instanceof V2Error) return { status: error.status, body: { error: error.message } };
  if (error instanceof RequestError) {
    return { status: error.status, body: { error: error.message } };
  }
  if (error instanceof NoModelError) return { status: 503, body: { error: error.message } };
  return undefined;
}
