/**
 * The steps every outcome store shares around its own queries: read the rows against
 * their rules and say which predictions to fetch ({@link planOutcomes}), then, after
 * {@link matchOutcomes}, put every row's result back in batch order ({@link summariseOutcomes}).
 */
import { readOutcomeRow } from "./outcome_rows.ts";
import type {
  OutcomeClaim,
  OutcomeRowResult,
  OutcomeSummary,
  RecordOutcomesOptions,
} from "./outcome_types.ts";

/** The claims to join, the rows already refused, and what to fetch from the log. */
export interface OutcomePlan {
  claims: OutcomeClaim[];
  refused: OutcomeRowResult[];
  /** Request ids the claims name. */
  requestIds: string[];
  /** Key values of claims made by `id` alone (empty when there is no key). */
  keys: string[];
}

/** Reads `rows` (numbered from `options.firstRow`, default 1) and plans their join. */
export function planOutcomes(
  rows: readonly unknown[],
  options: RecordOutcomesOptions,
): OutcomePlan {
  const firstRow = options.firstRow ?? 1;
  const claims: OutcomeClaim[] = [];
  const refused: OutcomeRowResult[] = [];
  rows.forEach((value, i) => {
    const row = firstRow + i;
    const read = readOutcomeRow(value, row, options.now);
    if (!("claim" in read)) {
      refused.push({ row, status: "rejected", issues: read.issues });
    } else if (read.claim.requestId === undefined && options.key === undefined) {
      const message =
        `Row ${row}: "id" cannot be joined: no key column is known (no Production version); give "request_id"`;
      refused.push({ row, status: "rejected", issues: [{ field: "id", rule: "no_key", message }] });
    } else claims.push(read.claim);
  });
  const requestIds = new Set<string>();
  const keys = new Set<string>();
  for (const claim of claims) {
    if (claim.requestId !== undefined) requestIds.add(claim.requestId);
    else keys.add(claim.id!);
  }
  return { claims, refused, requestIds: [...requestIds], keys: [...keys] };
}

/** Every row's result in batch order, with the counts. */
export function summariseOutcomes(
  refused: readonly OutcomeRowResult[],
  matched: readonly OutcomeRowResult[],
): OutcomeSummary {
  const rows = [...refused, ...matched].sort((a, b) => a.row - b.row);
  const count = (status: OutcomeRowResult["status"]) =>
    rows.filter((r) => r.status === status).length;
  return {
    accepted: count("accepted"),
    duplicate: count("duplicate"),
    rejected: count("rejected"),
    rows,
  };
}
