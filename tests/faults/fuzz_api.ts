/**
 * Property-based fuzzing of the whole scoring API with fast-check: a served model (the
 * Home Credit serving fixture or the csv one) behind `createApp`, seeded requests from
 * fuzz_requests.ts, each checked by fuzz_checks.ts. `fuzzApi` runs a bounded number of
 * cases and returns what it saw; the CI test and `deno task faults:fuzz` both call it.
 */
import { join } from "node:path";
import fc from "fast-check";
import type { ServingFixture } from "../scoring/serving_fixture.ts";
import { harness } from "../serve/harness.ts";
import { checkRequest, FuzzFinding, type FuzzTarget } from "./fuzz_checks.ts";
import { apiRequests, type FuzzRequest, type FuzzSpace } from "./fuzz_requests.ts";
import { predictRowMargin, probabilityOfMargin } from "../../lib/model/gbdt/predict.ts";
import { predictLogisticRow } from "../../lib/model/logistic/predict.ts";
import type { ColumnContract } from "../../lib/contracts/mod.ts";
import { type OracleCsv, readCsvCell } from "./fuzz_oracle.ts";

/** Limits of the fuzzed app: small, so the 413 paths are reached cheaply. */
export const FUZZ_LIMITS = { maxBodyBytes: 64 * 1024, maxBatchRows: 8 };

const ADMIN_TOKEN = "fuzz-token";

/** One distinct broken promise, with the first request that showed it. */
export interface FuzzReport {
  rule: string;
  message: string;
  request: { method: string; path: string; headers: Record<string, string>; body: string };
  count: number;
}

/** What a fuzz run saw. */
export interface FuzzSummary {
  cases: number;
  /** Requests sent: a case is one request or a few sent at once. */
  requests: number;
  seed: number;
  statuses: Record<string, number>;
  kinds: Record<string, number>;
  findings: FuzzReport[];
}

/** Options of {@link fuzzApi}. */
export interface FuzzOptions {
  fixture: Promise<ServingFixture>;
  cases: number;
  seed: number;
}

/**
 * Runs `cases` seeded requests against a fresh app over `fixture`; never throws on a
 * finding (they are collected, one per rule, status and kind).
 * @example
 * const summary = await fuzzApi({ fixture: servingFixture(), cases: 300, seed: 11 });
 */
export async function fuzzApi(options: FuzzOptions): Promise<FuzzSummary> {
  const driftDir = await Deno.makeTempDir({ prefix: "riskpipe-fuzz-drift-" });
  await Deno.writeTextFile(join(driftDir, "index.html"), "<!doctype html><title>drift</title>");
  await Deno.writeTextFile(join(driftDir, "data.json"), "{}");
  try {
    await using h = await harness(
      { ...FUZZ_LIMITS, adminToken: ADMIN_TOKEN, driftDir },
      options.fixture,
    );
    const model = h.live.current()!;
    const omit = new Set(model.info.omit);
    const columns = model.info.contract.columns.filter((c) => !omit.has(c.name));
    const space: FuzzSpace = {
      columns,
      rows: h.fixture.testRows,
      ...FUZZ_LIMITS,
      adminToken: ADMIN_TOKEN,
    };
    const csv = model.info.csv;
    const target: FuzzTarget = {
      app: h.app,
      columns,
      tiers: model.info.tiers.names,
      adminToken: ADMIN_TOKEN,
      errors: h.errors,
      expectedScore: (row) => {
        const x = model.featuresOf(typedRow(columns, row, csv));
        return model.gbdt !== undefined
          ? probabilityOfMargin(model.gbdt, predictRowMargin(model.gbdt, x))
          : predictLogisticRow(model.logistic!, x);
      },
      ...FUZZ_LIMITS,
      csv,
    };
    return await runCases(target, space, options);
  } finally {
    await Deno.remove(driftDir, { recursive: true });
  }
}

async function runCases(
  target: FuzzTarget,
  space: FuzzSpace,
  options: FuzzOptions,
): Promise<FuzzSummary> {
  const summary: FuzzSummary = {
    cases: 0,
    requests: 0,
    seed: options.seed,
    statuses: {},
    kinds: {},
    findings: [],
  };
  const seen = new Map<string, FuzzReport>();
  const property = fc.asyncProperty(apiRequests(space), async (requests) => {
    summary.cases += 1;
    await Promise.all(requests.map((request) => sendOne(request)));
    return true;
  });
  const sendOne = async (request: FuzzRequest): Promise<void> => {
    summary.requests += 1;
    count(summary.kinds, request.kind);
    try {
      count(summary.statuses, String(await checkRequest(target, request)));
    } catch (error) {
      const rule = error instanceof FuzzFinding ? error.rule : "harness";
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof FuzzFinding) count(summary.statuses, String(error.status));
      const key = `${rule} ${request.kind} ${error instanceof FuzzFinding ? error.status : ""}`;
      const report = seen.get(key);
      if (report !== undefined) report.count += 1;
      else {
        const first = { rule, message, request: printable(request), count: 1 };
        seen.set(key, first);
        summary.findings.push(first);
      }
    }
  };
  await fc.assert(property, { seed: options.seed, numRuns: options.cases });
  if (Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")) {
    summary.findings.push({
      rule: "no_pollution",
      message: "Object.prototype gained a polluted key",
      request: { method: "", path: "", headers: {}, body: "" },
      count: 1,
    });
  }
  return summary;
}

function count(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

function printable(request: FuzzRequest): FuzzReport["request"] {
  const bytes = request.body ?? new Uint8Array(0);
  const text = new TextDecoder().decode(bytes.subarray(0, 600));
  return {
    method: request.method,
    path: request.path,
    headers: request.headers,
    body: bytes.length > 600 ? `${text}… (${bytes.length} bytes)` : text,
  };
}

/** A row as the oracle reads it: typed under a csv version's rules, else as it is. */
function typedRow(
  columns: ColumnContract[],
  row: Record<string, unknown>,
  csv: OracleCsv | undefined,
): Record<string, unknown> {
  if (csv === undefined) return row;
  const typed: Record<string, unknown> = {};
  for (const column of columns) {
    if (column.name === csv.targetColumn || !Object.hasOwn(row, column.name)) continue;
    const cell = readCsvCell(column, row[column.name], csv);
    if (cell.ok) typed[column.name] = cell.value;
  }
  return typed;
}
