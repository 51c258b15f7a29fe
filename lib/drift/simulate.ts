/**
 * Drifted traffic for demos and tests: application rows of the test split, sampled with
 * a seed, some fields multiplied by a factor, POSTed to a running server's /predict.
 * Only loopback servers are accepted, and the row count is bounded.
 */
import { openDuckDb, queryRows, quoteIdent, quoteLiteral } from "../duckdb/mod.ts";
import { createRng } from "../random/mod.ts";

/** The most rows one simulation sends. */
export const MAX_SIMULATED_ROWS = 100_000;

/** One `FIELD=FACTOR` shift. */
export interface Shift {
  field: string;
  factor: number;
}

/**
 * Parses `FIELD=FACTOR` (a finite factor).
 * @example
 * ```ts
 * import { parseShift } from "./simulate.ts";
 * const shift = parseShift("AMT_INCOME_TOTAL=2");
 * if (shift.field !== "AMT_INCOME_TOTAL" || shift.factor !== 2) throw new Error("bad shift");
 * ```
 */
export function parseShift(text: string): Shift {
  const eq = text.lastIndexOf("=");
  const field = text.slice(0, eq);
  const factor = Number(text.slice(eq + 1));
  if (eq <= 0 || text.slice(eq + 1).trim() === "" || !Number.isFinite(factor)) {
    throw new RangeError(`Cannot read shift "${text}": expected FIELD=FACTOR with a number`);
  }
  return { field, factor };
}

/** A copy of `row` with each shifted field multiplied (missing values stay missing). */
export function applyShifts(
  row: Readonly<Record<string, unknown>>,
  shifts: readonly Shift[],
): Record<string, unknown> {
  const out = { ...row };
  for (const { field, factor } of shifts) {
    if (!(field in row)) {
      throw new RangeError(`Cannot shift "${field}": the rows have no such field`);
    }
    const value = row[field];
    if (value === null || value === undefined) continue;
    if (typeof value !== "number") {
      throw new TypeError(`Cannot shift "${field}": it holds ${typeof value} values, not numbers`);
    }
    out[field] = value * factor;
  }
  return out;
}

/** `n` rows drawn with a seed: a shuffled prefix, drawing with replacement past the pool size. */
export function sampleRows<T>(pool: readonly T[], n: number, seed: number): T[] {
  if (pool.length === 0) throw new RangeError("Cannot sample rows: the pool is empty");
  const rng = createRng(seed);
  if (n <= pool.length) return rng.shuffle([...pool]).slice(0, n);
  return Array.from({ length: n }, () => pool[rng.int(0, pool.length - 1)]);
}

/** Throws unless `url` points at this machine (127.0.0.0/8, ::1 or localhost). */
export function checkLoopback(url: string): URL {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  if (!(host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host))) {
    throw new RangeError(`Cannot simulate traffic to ${url}: only loopback servers are allowed`);
  }
  return parsed;
}

/** Where the test split's raw rows are. */
export interface TestRowsOptions {
  /** The raw application table (default data/raw/parquet/application_train.parquet). */
  applicationPath: string;
  /** The test split (default data/split/test.parquet). */
  testPath: string;
  key: string;
  /** Left out of the rows (the server does not take it). */
  target: string;
  /** More columns left out (a csv source's invented ROW_ID). */
  drop?: readonly string[];
}

/** The raw application rows whose keys are in the test split, by key, nulls left out. */
export async function readTestRows(options: TestRowsOptions): Promise<Record<string, unknown>[]> {
  const conn = await openDuckDb({ threads: 1 });
  try {
    const key = quoteIdent(options.key);
    const rows = await queryRows(
      conn,
      `select * exclude (${quoteIdent(options.target)}) from read_parquet(${
        quoteLiteral(options.applicationPath)
      }) where ${key} in (select ${key} from read_parquet(${
        quoteLiteral(options.testPath)
      })) order by ${key}`,
    );
    const drop = new Set(options.drop ?? []);
    return rows.map((row) =>
      Object.fromEntries(
        Object.entries(row).filter(([k, v]) => v !== null && v !== undefined && !drop.has(k)),
      )
    );
  } finally {
    conn.closeSync();
  }
}

/** Counts of what the server answered. */
export interface SendResult {
  sent: number;
  ok: number;
  /** Status → count for every non-2xx answer. */
  failed: Record<string, number>;
  /** The first failure's body, to show. */
  firstError?: string;
}

/** How {@link sendRows} posts. */
export interface SendOptions {
  /** Base URL of the server, e.g. http://127.0.0.1:8000. */
  url: string;
  /** Requests in flight at once (default 8). */
  concurrency?: number;
  /** Injected for tests (default: global fetch). */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** Called after each answer: rows sent so far, of all. */
  onProgress?: (sent: number, total: number) => void;
}

/**
 * POSTs each row to `/predict`, a few at a time.
 * @example
 * ```ts
 * import { sendRows } from "./simulate.ts";
 * const answered: string[] = [];
 * // e.g. { url: "http://127.0.0.1:8000" } for a running `deno task serve`
 * const result = await sendRows([{ AMT_CREDIT: 2e5 }, { AMT_CREDIT: 3e5 }], {
 *   url: "http://127.0.0.1:8000",
 *   fetch: (url) => {
 *     answered.push(url);
 *     return Promise.resolve(Response.json({ probability: 0.1 }));
 *   },
 * });
 * if (result.ok !== 2 || answered[0] !== "http://127.0.0.1:8000/predict") throw new Error("bad send");
 * ```
 */
export async function sendRows(
  rows: readonly Record<string, unknown>[],
  options: SendOptions,
): Promise<SendResult> {
  if (rows.length > MAX_SIMULATED_ROWS) {
    throw new RangeError(`Cannot send ${rows.length} rows: at most ${MAX_SIMULATED_ROWS}`);
  }
  const target = new URL("/predict", checkLoopback(options.url)).href;
  const post = options.fetch ?? ((url: string, init: RequestInit) => fetch(url, init));
  const result: SendResult = { sent: 0, ok: 0, failed: {} };
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const row = rows[next++];
      const response = await post(target, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(row),
      });
      const body = await response.text();
      result.sent++;
      options.onProgress?.(result.sent, rows.length);
      if (response.ok) result.ok++;
      else {
        result.failed[response.status] = (result.failed[response.status] ?? 0) + 1;
        result.firstError ??= body.slice(0, 500);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, worker));
  return result;
}
