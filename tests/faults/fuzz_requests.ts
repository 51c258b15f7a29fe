/**
 * fast-check arbitraries of whole HTTP requests to the scoring API: rows built from the
 * served contract (or taken from real applicants) and mutated, batches of every shape,
 * bodies serialised validly or not (duplicate keys, bare NaN, truncation, bad UTF-8,
 * UTF-16, random bytes, deep nesting), odd content types and lengths, streamed or not,
 * and the read-only, admin and drift routes with hostile methods, paths and tokens.
 */
import fc from "fast-check";
import type { ColumnContract } from "../../lib/contracts/mod.ts";
import { bodyHeaders, chunking, serialised } from "./fuzz_bodies.ts";
import { batchArbitrary, rowArbitrary } from "./fuzz_rows.ts";

/** One request as the fuzzer sends it. */
export interface FuzzRequest {
  method: string;
  /** Path and query. */
  path: string;
  headers: Record<string, string>;
  body?: Uint8Array<ArrayBuffer>;
  /** Sends the body as a stream of chunks of these sizes (no Content-Length). */
  chunks?: number[];
  /** Which generator made it (for the summary). */
  kind: string;
}

/** What the request generators draw from. */
export interface FuzzSpace {
  /** The served contract's columns, without the omitted ones (the row's fields). */
  columns: ColumnContract[];
  /** Real rows clients send. */
  rows: Record<string, unknown>[];
  maxBodyBytes: number;
  maxBatchRows: number;
  adminToken: string;
}

/** A POST to a scoring endpoint with a fuzzed body, headers and transport. */
export function scoringRequest(space: FuzzSpace): fc.Arbitrary<FuzzRequest> {
  const single = fc.constantFrom("/predict", "/explain").chain((path) =>
    serialised(rowArbitrary(space), space).map((body) => ({ path, body }))
  );
  const batch = serialised(batchArbitrary(space), space).map((body) => ({
    path: "/predict/batch",
    body,
  }));
  return fc.oneof({ weight: 2, arbitrary: single }, { weight: 1, arbitrary: batch }).chain((
    { path, body },
  ) =>
    fc.record({
      headers: bodyHeaders(space, body.length),
      chunks: chunking(body.length),
    }).map(({ headers, chunks }): FuzzRequest => ({
      method: "POST",
      path,
      headers,
      body,
      ...(chunks === undefined ? {} : { chunks }),
      kind: `POST ${path}`,
    }))
  );
}

const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"];

const PATHS = [
  "/health",
  "/model",
  "/metrics",
  "/openapi.json",
  "/docs",
  "/ui",
  "/ui/assets/plot.js",
  "/ui/assets/%2e%2e%2fclient.js",
  "/ui/assets/",
  "/predict",
  "/predict/batch",
  "/explain",
  "/admin/reload",
  "/admin/inferences",
  "/admin/nothing",
  "/drift",
  "/drift/",
  "/drift/index.html",
  "/drift/data.json",
  "/drift/../../etc/passwd",
  "/drift/%2e%2e/%2e%2e/etc/passwd",
  "/drift/%00",
  "/drift/%E0%A4%A",
  "/drift/%",
  "/drift/a%2fb",
  "/PREDICT",
  "/predict/",
  "//predict",
  "/nowhere",
  "/%",
  "/%ZZ",
  "/\u00e9",
];

const QUERIES = [
  "",
  "?limit=5",
  "?limit=-1",
  "?limit=1e999",
  "?limit=NaN",
  "?limit=99999999999",
  "?limit=",
  "?limit=%",
  "?__proto__[polluted]=1",
  "?constructor[prototype][polluted]=1",
  "?a=1&a=2",
];

/** A request to any route with any method, path, query and authorization. */
export function routeRequest(space: FuzzSpace): fc.Arbitrary<FuzzRequest> {
  const printable = fc.string({ unit: "binary-ascii", maxLength: 60 }).map((s) =>
    s.replace(/[^\x20-\x7e]/g, "")
  );
  return fc.record({
    method: fc.constantFrom(...METHODS),
    path: fc.constantFrom(...PATHS),
    query: fc.constantFrom(...QUERIES),
    authorization: fc.oneof(
      { weight: 3, arbitrary: fc.constant(`Bearer ${space.adminToken}`) },
      { weight: 1, arbitrary: fc.constant(undefined) },
      { weight: 1, arbitrary: fc.constantFrom("Bearer", "Bearer ", `bearer ${space.adminToken}`) },
      { weight: 1, arbitrary: printable },
    ),
  }).map(({ method, path, query, authorization }): FuzzRequest => ({
    method,
    path: path + query,
    headers: authorization === undefined ? {} : { authorization },
    kind: `${method} ${path.startsWith("/drift/") ? "/drift/*" : path}`,
  }));
}

/** Any request: mostly scoring requests, a quarter to the other routes. */
export function apiRequest(space: FuzzSpace): fc.Arbitrary<FuzzRequest> {
  return fc.oneof(
    { weight: 3, arbitrary: scoringRequest(space) },
    { weight: 1, arbitrary: routeRequest(space) },
  );
}

/** A case: one request, or (one case in five) two to four sent at once. */
export function apiRequests(space: FuzzSpace): fc.Arbitrary<FuzzRequest[]> {
  return fc.oneof(
    { weight: 4, arbitrary: apiRequest(space).map((request) => [request]) },
    { weight: 1, arbitrary: fc.array(apiRequest(space), { minLength: 2, maxLength: 4 }) },
  );
}
