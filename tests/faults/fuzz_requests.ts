/**
 * fast-check arbitraries of whole HTTP requests to the scoring API: rows built from the
 * served contract (or taken from real applicants) and mutated, batches of every shape,
 * bodies serialised validly or not (duplicate keys, bare NaN, truncation, bad UTF-8,
 * UTF-16, random bytes, deep nesting), odd content types and lengths, streamed or not,
 * and the read-only, admin and drift routes with hostile methods, paths and tokens.
 */
import fc from "fast-check";
import type { ColumnContract } from "../../lib/contracts/mod.ts";
import { fieldValue, hostileValue, PROTOTYPE_KEYS, validValue } from "./fuzz_values.ts";

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

const UTF8 = new TextEncoder();

/** A row valid by construction from the contract: every required field, some optional ones. */
function contractRow(columns: ColumnContract[]): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const column of columns) {
    model[column.name] = column.nullable
      ? fc.option(validValue(column), { nil: null, freq: 3 })
      : validValue(column);
  }
  const requiredKeys = columns.filter((c) => !c.nullable).map((c) => c.name);
  return fc.record(model, { requiredKeys }) as fc.Arbitrary<Record<string, unknown>>;
}

/** A row: a real one or one from the contract, then up to five fields deleted, set or added. */
export function rowArbitrary(space: FuzzSpace): fc.Arbitrary<unknown> {
  const names = space.columns.map((c) => c.name);
  const byName = new Map(space.columns.map((c) => [c.name, c]));
  const base = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...space.rows) },
    { weight: 1, arbitrary: contractRow(space.columns) },
  );
  const key = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...names) },
    { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
    { weight: 1, arbitrary: fc.constantFrom(...names).map((n) => n.toLowerCase() + " ") },
  );
  const edit = key.chain((k) => {
    const column = byName.get(k);
    const value = column === undefined ? hostileValue() : fieldValue(column);
    return fc.record({ key: fc.constant(k), value: fc.option(value, { nil: undefined }) });
  });
  return fc.tuple(base, fc.array(edit, { maxLength: 5 }), fc.nat({ max: 9 })).map(
    ([row, edits, coin]) => {
      if (coin === 0) return edits[0]?.value ?? row; // sometimes the body is not a row at all
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(row)) define(out, k, v);
      for (const { key, value } of edits) {
        if (value === undefined) delete out[key];
        else define(out, key, value);
      }
      return out;
    },
  );
}

/** Sets an own enumerable property, even `__proto__`, as JSON.parse would. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/** A batch body: `{ rows, explain? }` of every size around the limit, or a wrong shape. */
export function batchArbitrary(space: FuzzSpace): fc.Arbitrary<unknown> {
  const row = rowArbitrary(space);
  const rows = fc.oneof(
    { weight: 6, arbitrary: fc.array(row, { minLength: 1, maxLength: 4 }) },
    { weight: 1, arbitrary: fc.constant([]) },
    {
      weight: 1,
      arbitrary: fc.integer({ min: space.maxBatchRows - 1, max: space.maxBatchRows + 2 })
        .chain((n) => fc.array(row, { minLength: n, maxLength: n })),
    },
    { weight: 1, arbitrary: hostileValue() },
  );
  const explain = fc.oneof(
    { weight: 4, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: hostileValue() },
  );
  const extra = fc.option(
    fc.tuple(fc.constantFrom(...PROTOTYPE_KEYS, "row", "Rows"), hostileValue()),
    {
      nil: undefined,
      freq: 6,
    },
  );
  return fc.tuple(rows, explain, extra, fc.nat({ max: 19 })).map(([rows, explain, extra, coin]) => {
    if (coin === 0) return rows; // the bare array of rows
    if (coin === 1) return explain ?? null;
    const body: Record<string, unknown> = { rows };
    if (explain !== undefined) body.explain = explain;
    if (extra !== undefined) define(body, extra[0], extra[1]);
    return body;
  });
}

const LITERALS = [
  "NaN",
  "Infinity",
  "-Infinity",
  "1e999",
  "-1e999",
  "-0",
  "1E400",
  "0x1F",
  "007",
  ".5",
  "+1",
  "123456789012345678901234567890",
  "undefined",
  "'x'",
  "true",
  "null",
  '"\\u0000"',
  '"\\ud800"',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
];

/** Serialises `value` to bytes: validly mostly, otherwise broken in one of many ways. */
export function serialised(
  value: fc.Arbitrary<unknown>,
  space: FuzzSpace,
): fc.Arbitrary<Uint8Array<ArrayBuffer>> {
  const keys = [...space.columns.map((c) => c.name), "rows", "explain", "__proto__"];
  return fc.tuple(
    value,
    fc.nat({ max: 29 }),
    fc.nat(),
    fc.constantFrom(...keys),
    fc.constantFrom(...LITERALS),
  ).map(([value, variant, at, key, literal]) => {
    const text = JSON.stringify(value) ?? "null";
    const cut = text.length === 0 ? 0 : at % text.length;
    switch (variant) {
      case 0:
        return UTF8.encode(JSON.stringify(value, null, 2) ?? "null");
      case 1:
        return UTF8.encode("\ufeff" + text);
      case 2:
      case 3:
        // A duplicate (later, so winning) key or a literal JSON does not allow.
        return UTF8.encode(
          text.endsWith("}") && text.length > 2
            ? `${text.slice(0, -1)},${JSON.stringify(key)}:${literal}}`
            : `{${JSON.stringify(key)}:${literal}}`,
        );
      case 4:
        return UTF8.encode(text.slice(0, cut));
      case 5: {
        const bytes = UTF8.encode(text);
        const bad =
          [[0xff], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82], [0xf4, 0x90, 0x80, 0x80]][
            at % 5
          ];
        const i = bytes.length === 0 ? 0 : at % bytes.length;
        return Uint8Array.from([...bytes.subarray(0, i), ...bad, ...bytes.subarray(i)]);
      }
      case 6: {
        const out = new Uint8Array(text.length * 2);
        for (let i = 0; i < text.length; i++) {
          out[2 * i] = text.charCodeAt(i) & 0xff;
          out[2 * i + 1] = text.charCodeAt(i) >> 8;
        }
        return out;
      }
      case 7:
        return Uint8Array.from({ length: at % 97 }, (_, i) => (at * 31 + i * 17) & 0xff);
      case 8:
        return new Uint8Array(0);
      case 9: {
        const depth = 1 + (at % 60_000);
        return UTF8.encode(
          at % 2 === 0
            ? "[".repeat(depth) + "]".repeat(depth)
            : '{"a":'.repeat(depth) + "1" + "}".repeat(depth),
        );
      }
      case 10:
        return UTF8.encode("x".repeat(space.maxBodyBytes + 1));
      default:
        return UTF8.encode(text);
    }
  });
}

const CONTENT_TYPES = [
  "application/json; charset=utf-8",
  "Application/JSON",
  "  application/json  ",
  "application/json;charset=utf-16",
  "application/json;;;",
  "text/plain",
  "text/json",
  "application/jsonx",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/json, text/plain",
  "*/*",
];

/** Headers of a JSON body: a content type (mostly JSON), sometimes a length, an encoding. */
function bodyHeaders(space: FuzzSpace, size: number): fc.Arbitrary<Record<string, string>> {
  return fc.tuple(
    fc.oneof(
      { weight: 12, arbitrary: fc.constant("application/json") },
      { weight: 2, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
      { weight: 1, arbitrary: fc.constant(undefined) },
    ),
    fc.oneof(
      { weight: 6, arbitrary: fc.constant(undefined) },
      { weight: 2, arbitrary: fc.constant(String(size)) },
      { weight: 1, arbitrary: fc.constantFrom(String(space.maxBodyBytes + 1), "abc", "1e3", "-1") },
    ),
    fc.option(fc.constantFrom("gzip", "br", "identity", "x-nonsense"), { nil: undefined, freq: 9 }),
  ).map(([type, length, encoding]) => {
    const headers: Record<string, string> = {};
    if (type !== undefined) headers["content-type"] = type;
    if (length !== undefined) headers["content-length"] = length;
    if (encoding !== undefined) headers["content-encoding"] = encoding;
    return headers;
  });
}

/** Splits `size` bytes into 1 to 6 chunks (some empty), or none for a whole body. */
function chunking(size: number): fc.Arbitrary<number[] | undefined> {
  return fc.option(
    fc.array(fc.nat({ max: size }), { minLength: 0, maxLength: 5 }).map((cuts) => {
      const points = [0, ...cuts.sort((a, b) => a - b), size];
      return points.slice(1).map((p, i) => p - points[i]);
    }),
    { nil: undefined, freq: 3 },
  );
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
