/**
 * The fuzz property: a request sent through `app.request()` never gets a 5xx; every
 * error body has the documented `{ error, issues: [{ field, rule, message }] }` shape; a
 * scoring request gets exactly the oracle's status and, on 422, exactly the fields at
 * fault; every 200 body is well-formed (probabilities in [0, 1], a known tier).
 */
import type { Hono } from "hono";
import { z } from "zod";
import type { ColumnContract } from "../../lib/contracts/mod.ts";
import {
  ErrorBody,
  Health,
  Inferences,
  ModelInfo,
  ReloadResult,
  scoringSchemas,
} from "../../serve/api_schemas.ts";
import { expectedAnswer, type OracleLimits } from "./fuzz_oracle.ts";
import type { FuzzRequest } from "./fuzz_requests.ts";

/** What a check needs to know of the app under test. */
export interface FuzzTarget extends OracleLimits {
  app: Hono;
  columns: ColumnContract[];
  tiers: readonly string[];
  adminToken: string;
  /** Server faults the app reported (onServerError). */
  errors: unknown[];
  /** The served model's probability of a valid row through its TypeScript trees. */
  expectedScore(row: Record<string, unknown>): number;
}

/** Largest gap between an answered probability and the TypeScript trees' (float32 graph). */
const SCORE_TOLERANCE = 1e-5;

/** A broken promise: the request, what came back and which rule it broke. */
export class FuzzFinding extends Error {
  constructor(readonly rule: string, readonly status: number, detail: string) {
    super(`${rule} (status ${status}): ${detail}`);
    this.name = "FuzzFinding";
  }
}

/** Sends `request` to the target and checks the answer; returns the status. */
export async function checkRequest(target: FuzzTarget, request: FuzzRequest): Promise<number> {
  const errorsBefore = target.errors.length;
  const res = await target.app.request(request.path, {
    method: request.method,
    headers: request.headers,
    body: bodyOf(request),
  });
  const text = await res.text();
  const fail = (rule: string, detail: string): never => {
    throw new FuzzFinding(rule, res.status, `${detail}; body ${text.slice(0, 300)}`);
  };
  if (res.status >= 500) fail("no_5xx", "a client's request got a server error");
  if (target.errors.length > errorsBefore) {
    fail("no_server_fault", `the app reported ${String(target.errors[errorsBefore])}`);
  }
  const scoring = scoringPath(request);
  const allowed = scoring === undefined ? expectedRouteStatuses(target, request) : undefined;
  if (allowed !== undefined && !allowed.includes(res.status)) {
    fail("route_status", `expected ${allowed.join(" or ")}`);
  }
  if (request.method === "HEAD") return res.status;
  if (res.status >= 400) checkErrorBody(res, text, fail);
  if (scoring !== undefined) checkScoring(target, request, scoring, res, text, fail);
  else if (res.status === 200) checkRouteBody(target, request, text, fail);
  return res.status;
}

const INFO_ROUTES = ["/health", "/model", "/metrics", "/openapi.json", "/docs", "/ui"];
const ADMIN_ROUTES: Record<string, string> = {
  "/admin/reload": "POST",
  "/admin/inferences": "GET",
};
const SCORING_ROUTES = ["/predict", "/predict/batch", "/explain"];

/**
 * The statuses a request other than a scoring POST may get: 200 from a route with its
 * method, 401 from /admin/* without the token, 301 or 404 (a missing file) under
 * /drift, and 404 or 405 (a route with another method) for anything else.
 */
function expectedRouteStatuses(target: FuzzTarget, request: FuzzRequest): number[] {
  const path = request.path.split("?")[0];
  const read = request.method === "GET" || request.method === "HEAD";
  if (path.startsWith("/admin/")) {
    if (request.headers.authorization !== `Bearer ${target.adminToken}`) return [401];
    return ADMIN_ROUTES[path] === undefined
      ? [404]
      : request.method === ADMIN_ROUTES[path] || (read && ADMIN_ROUTES[path] === "GET")
      ? [200]
      : [404, 405];
  }
  if (INFO_ROUTES.includes(path)) return read ? [200] : [404, 405];
  if (path === "/drift") return read ? [301] : [404, 405];
  if (path.startsWith("/drift/")) return read ? [200, 404] : [404, 405];
  if (path.startsWith("/ui/assets/")) return read ? [200, 404] : [404, 405];
  if (SCORING_ROUTES.includes(path)) return request.method === "POST" ? [415] : [404, 405];
  return [404];
}

type Fail = (rule: string, detail: string) => never;

function bodyOf(request: FuzzRequest): BodyInit | undefined {
  const bytes = request.body;
  if (bytes === undefined || request.chunks === undefined) return bytes;
  const chunks: Uint8Array[] = [];
  let at = 0;
  for (const size of request.chunks) {
    chunks.push(bytes.slice(at, at + size));
    at += size;
  }
  return ReadableStream.from(chunks);
}

function scoringPath(request: FuzzRequest): "/predict" | "/explain" | "/predict/batch" | undefined {
  if (request.method !== "POST" || request.body === undefined) return undefined;
  const path = request.path;
  return path === "/predict" || path === "/explain" || path === "/predict/batch" ? path : undefined;
}

function checkErrorBody(res: Response, text: string, fail: Fail): void {
  if (!(res.headers.get("content-type") ?? "").startsWith("application/json")) {
    fail("error_shape", `content type ${res.headers.get("content-type")}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    fail("error_shape", "the error body is not JSON");
  }
  const shape = ErrorBody.safeParse(body);
  if (!shape.success) fail("error_shape", z.prettifyError(shape.error));
  const issues = shape.data!.issues;
  if ([400, 413, 415, 422].includes(res.status) && issues.length === 0) {
    fail("issues_named", "a client fault lists no issue");
  }
  for (const issue of issues) {
    if (issue.rule === "" || issue.message === "") fail("issues_named", "an empty rule or message");
  }
}

function checkScoring(
  target: FuzzTarget,
  request: FuzzRequest,
  path: "/predict" | "/explain" | "/predict/batch",
  res: Response,
  text: string,
  fail: Fail,
): void {
  const expected = expectedAnswer(target.columns, target, path, request.headers, request.body!);
  if (res.status !== expected.status) {
    fail("oracle_status", `expected ${expected.status}`);
  }
  const body = JSON.parse(text);
  if (expected.status === 422) {
    const got = [...new Set<string>(body.issues.map((i: { field: string }) => i.field))].sort();
    const want = [...new Set(expected.fields)].sort();
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      fail("fields_named", `expected fields ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    }
  }
  if (expected.status !== 200) return;
  const schemas = scoringSchemas(target.tiers);
  const schema = path === "/predict"
    ? schemas.Prediction
    : path === "/explain"
    ? schemas.Explanation
    : schemas.BatchResponse;
  const parsed = schema.safeParse(body);
  if (!parsed.success) fail("ok_shape", z.prettifyError(parsed.error));
  if (path === "/predict/batch" && body.predictions.length !== expected.rows) {
    fail("ok_shape", `expected ${expected.rows} predictions, got ${body.predictions.length}`);
  }
  const sent = JSON.parse(new TextDecoder().decode(request.body));
  const rows: Record<string, unknown>[] = path === "/predict/batch" ? sent.rows : [sent];
  const answered: number[] = path === "/predict/batch"
    ? body.predictions.map((p: { probability: number }) => p.probability)
    : [body.probability];
  rows.forEach((row, i) => {
    const want = target.expectedScore(row);
    if (!(Math.abs(answered[i] - want) <= SCORE_TOLERANCE)) {
      fail("score_parity", `row ${i} scored ${answered[i]}, its trees give ${want}`);
    }
  });
}

function checkRouteBody(target: FuzzTarget, request: FuzzRequest, text: string, fail: Fail): void {
  const path = request.path.split("?")[0];
  const schema: z.ZodType | undefined = {
    "/health": Health,
    "/model": ModelInfo,
    "/admin/reload": ReloadResult,
    "/admin/inferences": Inferences,
  }[path];
  if (schema !== undefined) {
    const parsed = schema.safeParse(JSON.parse(text));
    if (!parsed.success) fail("ok_shape", `${path}: ${z.prettifyError(parsed.error)}`);
  }
  if (path === "/openapi.json" && JSON.parse(text).openapi === undefined) {
    fail("ok_shape", "/openapi.json has no openapi field");
  }
  if (
    path.startsWith("/admin/") && request.headers.authorization !== `Bearer ${target.adminToken}`
  ) {
    fail("admin_auth", "an admin route answered 200 without the token");
  }
}
