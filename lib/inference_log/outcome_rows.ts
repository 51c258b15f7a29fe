/**
 * The rules of one reported outcome, before it is joined to the log: a known set of
 * fields, `request_id` or `id` (or both), `outcome` 0 or 1, `observed_at` an ISO 8601
 * date or date-time with its offset, not after now. Every broken rule is reported, each
 * naming the row, the field and the rule.
 */
import { z } from "zod";
import type { RowIssue } from "../contracts/mod.ts";
import type { OutcomeClaim } from "./outcome_types.ts";

/** The fields a reported outcome may have. */
export const OUTCOME_FIELDS = ["request_id", "id", "outcome", "observed_at"] as const;

const DATE_TIME = z.iso.datetime({ offset: true });
const DATE = z.iso.date();

/** A row's claim, or every issue it has. */
export type OutcomeRowRead = { claim: OutcomeClaim; issues: [] } | { issues: RowIssue[] };

/**
 * Reads reported row `row` (1-based) against the rules.
 * @example
 * ```ts
 * import { readOutcomeRow } from "./outcome_rows.ts";
 * const now = new Date("2026-12-01T00:00:00Z");
 * const read = readOutcomeRow({ request_id: "r1", outcome: 2, observed_at: "2026-11-30" }, 3, now);
 * if (read.issues[0]?.rule !== "in_set") throw new Error("expected outcome 2 refused");
 * ```
 */
export function readOutcomeRow(value: unknown, row: number, now: Date): OutcomeRowRead {
  const issues: RowIssue[] = [];
  const issue = (field: string, rule: string, message: string) =>
    issues.push({ field, rule, message: `Row ${row}: ${message}` });
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    issue("", "type", "must be an object with request_id or id, outcome and observed_at");
    return { issues };
  }
  const fields = value as Record<string, unknown>;
  for (const field of Object.keys(fields)) {
    if (!(OUTCOME_FIELDS as readonly string[]).includes(field)) {
      issue(field, "unknown_field", `"${field}" is not a field (${OUTCOME_FIELDS.join(", ")})`);
    }
  }
  const requestId = readRequestId(fields.request_id, issue);
  const id = readId(fields.id, issue);
  if (absent(fields.request_id) && absent(fields.id)) {
    issue("request_id", "required", 'one of "request_id" or "id" is required');
  }
  const outcome = fields.outcome;
  if (absent(outcome)) issue("outcome", "required", '"outcome" is required');
  else if (outcome !== 0 && outcome !== 1) {
    issue("outcome", "in_set", `"outcome" must be 0 or 1, got ${JSON.stringify(outcome)}`);
  }
  const observedAt = readObservedAt(fields.observed_at, now, issue);
  if (issues.length > 0 || observedAt === undefined) return { issues };
  const claim: OutcomeClaim = { row, outcome: outcome as 0 | 1, observedAt };
  if (requestId !== undefined) claim.requestId = requestId;
  if (id !== undefined) claim.id = id;
  return { claim, issues: [] };
}

type Report = (field: string, rule: string, message: string) => void;

function absent(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

function readRequestId(value: unknown, issue: Report): string | undefined {
  if (absent(value)) return undefined;
  if (typeof value === "string") return value;
  issue("request_id", "type", `"request_id" must be text, got ${JSON.stringify(value)}`);
  return undefined;
}

function readId(value: unknown, issue: Report): string | undefined {
  if (absent(value)) return undefined;
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  issue("id", "type", `"id" must be text or a number, got ${JSON.stringify(value)}`);
  return undefined;
}

function readObservedAt(value: unknown, now: Date, issue: Report): string | undefined {
  if (absent(value)) {
    issue("observed_at", "required", '"observed_at" is required');
    return undefined;
  }
  const text = typeof value === "string" ? value : undefined;
  if (text === undefined || !(DATE_TIME.safeParse(text).success || DATE.safeParse(text).success)) {
    issue(
      "observed_at",
      "format",
      `"observed_at" must be an ISO 8601 date or date-time with an offset (2026-11-30 or 2026-11-30T12:00:00Z), got ${
        JSON.stringify(value)
      }`,
    );
    return undefined;
  }
  const millis = Date.parse(text);
  if (Number.isNaN(millis)) {
    issue("observed_at", "format", `"observed_at" is not a real date: ${JSON.stringify(text)}`);
    return undefined;
  }
  if (millis > now.getTime()) {
    issue(
      "observed_at",
      "future",
      `"observed_at" ${text} is in the future (now is ${now.toISOString()})`,
    );
    return undefined;
  }
  return new Date(millis).toISOString();
}
