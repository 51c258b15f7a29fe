/**
 * Joins reported outcomes to logged predictions, the same for every store: by
 * `request_id` (with `id` too when the request scored several rows), or by `id` alone to
 * the latest prediction for that applicant at or before `observed_at`. A prediction that
 * already has the same outcome makes the row a duplicate (nothing stored again); a
 * different one is a conflict and refused. Pure: the store fetches the candidates and
 * the outcomes already stored, and writes what this returns.
 */
import type { RowIssue } from "../contracts/mod.ts";
import type {
  OutcomeClaim,
  OutcomeRowResult,
  OutcomeWrite,
  PredictionRef,
} from "./outcome_types.ts";

/** What {@link matchOutcomes} decided: a result per claim and the outcomes to store. */
export interface OutcomeMatch {
  results: OutcomeRowResult[];
  writes: OutcomeWrite[];
}

/**
 * Decides each claim against `candidates` (every logged prediction with a claimed request
 * id or key) and `stored` (outcomes already stored, by log id).
 * @example
 * ```ts
 * import { matchOutcomes } from "./outcome_match.ts";
 * const prediction = {
 *   logId: 1, requestId: "r1", time: "2026-11-01T00:00:00.000Z", modelVersion: "v0001", key: "7",
 * };
 * const claim = { row: 1, id: "7", outcome: 1 as const, observedAt: "2026-11-20T00:00:00.000Z" };
 * const { writes } = matchOutcomes([claim], [prediction], new Map());
 * if (writes[0]?.logId !== 1) throw new Error("expected the outcome joined to log row 1");
 * ```
 */
export function matchOutcomes(
  claims: readonly OutcomeClaim[],
  candidates: readonly PredictionRef[],
  stored: ReadonlyMap<number, 0 | 1>,
): OutcomeMatch {
  const byRequest = groupBy(candidates, (p) => p.requestId);
  const byKey = groupBy(candidates.filter((p) => p.key !== null), (p) => p.key!);
  const outcomes = new Map(stored);
  const results: OutcomeRowResult[] = [];
  const writes: OutcomeWrite[] = [];
  for (const claim of claims) {
    const found = findPrediction(claim, byRequest, byKey);
    if ("issue" in found) {
      results.push({ row: claim.row, status: "rejected", issues: [found.issue] });
      continue;
    }
    const p = found.prediction;
    const joined = { row: claim.row, requestId: p.requestId, modelVersion: p.modelVersion };
    const before = outcomes.get(p.logId);
    if (before === claim.outcome) {
      results.push({ ...joined, status: "duplicate", issues: [] });
    } else if (before !== undefined) {
      const issue = rowIssue(
        claim,
        "outcome",
        "conflict",
        `the prediction (request ${
          JSON.stringify(p.requestId)
        }, logged ${p.time}) already has outcome ${before}, not ${claim.outcome}`,
      );
      results.push({ ...joined, status: "rejected", issues: [issue] });
    } else {
      outcomes.set(p.logId, claim.outcome);
      writes.push({
        logId: p.logId,
        requestId: p.requestId,
        outcome: claim.outcome,
        observedAt: claim.observedAt,
      });
      results.push({ ...joined, status: "accepted", issues: [] });
    }
  }
  return { results, writes };
}

type Found = { prediction: PredictionRef } | { issue: RowIssue };

function findPrediction(
  claim: OutcomeClaim,
  byRequest: Map<string, PredictionRef[]>,
  byKey: Map<string, PredictionRef[]>,
): Found {
  if (claim.requestId === undefined) return latestForId(claim, byKey.get(claim.id!) ?? []);
  const request = JSON.stringify(claim.requestId);
  const rows = byRequest.get(claim.requestId) ?? [];
  if (rows.length === 0) {
    return {
      issue: rowIssue(
        claim,
        "request_id",
        "unknown_request",
        `no prediction was logged for request ${request}`,
      ),
    };
  }
  const ofId = claim.id === undefined ? rows : rows.filter((p) => p.key === claim.id);
  if (ofId.length === 0) {
    return {
      issue: rowIssue(
        claim,
        "id",
        "unknown_id",
        `request ${request} scored no row with id ${JSON.stringify(claim.id)}`,
      ),
    };
  }
  if (ofId.length > 1) {
    const message = claim.id === undefined
      ? `request ${request} scored ${ofId.length} rows: give "id" too`
      : `request ${request} scored ${ofId.length} rows with id ${JSON.stringify(claim.id)}`;
    return {
      issue: rowIssue(claim, claim.id === undefined ? "id" : "request_id", "ambiguous", message),
    };
  }
  return notBefore(claim, ofId[0]);
}

/** The latest prediction for the id at or before the observation (ties: the last logged). */
function latestForId(claim: OutcomeClaim, rows: readonly PredictionRef[]): Found {
  const id = JSON.stringify(claim.id);
  if (rows.length === 0) {
    return { issue: rowIssue(claim, "id", "unknown_id", `no prediction was logged for id ${id}`) };
  }
  const observed = Date.parse(claim.observedAt);
  let best: PredictionRef | undefined;
  for (const p of rows) {
    const time = Date.parse(p.time);
    if (time > observed) continue;
    const bestTime = best === undefined ? -Infinity : Date.parse(best.time);
    if (time > bestTime || (time === bestTime && p.logId > best!.logId)) best = p;
  }
  if (best === undefined) {
    const first = rows.reduce((a, b) => Date.parse(a.time) <= Date.parse(b.time) ? a : b);
    return {
      issue: rowIssue(
        claim,
        "observed_at",
        "before_prediction",
        `"observed_at" ${claim.observedAt} is before the first prediction for id ${id} (${first.time})`,
      ),
    };
  }
  return { prediction: best };
}

function notBefore(claim: OutcomeClaim, p: PredictionRef): Found {
  if (Date.parse(claim.observedAt) >= Date.parse(p.time)) return { prediction: p };
  return {
    issue: rowIssue(
      claim,
      "observed_at",
      "before_prediction",
      `"observed_at" ${claim.observedAt} is before the prediction it reports on (${p.time})`,
    ),
  };
}

function rowIssue(claim: OutcomeClaim, field: string, rule: string, message: string): RowIssue {
  return { field, rule, message: `Row ${claim.row}: ${message}` };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}
