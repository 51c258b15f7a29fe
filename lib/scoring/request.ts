/**
 * Request bodies: JSON parsing that never throws, and validation of rows and batches
 * against the served contract with every bad field named with its rule. A csv version's
 * rows are read as its file held them first (csv_row.ts).
 */
import { type RowIssue, type RowResult, type RowSchema, validateRow } from "../contracts/mod.ts";
import type { CsvRowReader } from "../registry/csv_row.ts";
import type { FastRowCheck } from "./fast_check.ts";

/** A row schema with its fast acceptance check (see fast_check.ts) and its csv reader. */
export interface RowValidator {
  schema: RowSchema;
  fastCheck?: FastRowCheck;
  /** Reads raw text values into typed ones before the schema (csv versions). */
  read?: CsvRowReader;
}

/** A row accepted for scoring and the fields whose category level the model never saw. */
export interface AcceptedRow {
  row: Record<string, unknown>;
  unseen: readonly string[];
}

const NONE: readonly string[] = Object.freeze([]);
const NO_ISSUES: readonly RowIssue[] = Object.freeze([]);

/**
 * Reads and validates one row: the typed row, or every issue found in it.
 * @example
 * const result = checkRequestRow(model, { age: "41", member: "maybe" });
 * if (!result.success) result.issues; // [{ field: "member", rule: "type", … }]
 */
export function checkRequestRow(
  validator: RowValidator,
  raw: unknown,
): RowResult & { unseen: readonly string[] } {
  if (validator.read === undefined) return checkTyped(validator, raw, NO_ISSUES, NONE);
  const read = validator.read(raw);
  return checkTyped(validator, read.row, read.issues, read.unseen);
}

function checkTyped(
  validator: RowValidator,
  row: unknown,
  prior: readonly RowIssue[],
  unseen: readonly string[],
): RowResult & { unseen: readonly string[] } {
  if (prior.length === 0 && validator.fastCheck?.(row)) return { success: true, data: row, unseen };
  const result = validateRow(validator.schema, row);
  if (prior.length === 0) return { ...result, unseen };
  const issues = [...prior, ...(result.success ? [] : result.issues)];
  return { success: false, issues, unseen };
}

/** A request that cannot be served, with its HTTP status and every issue found. */
export class RequestError extends Error {
  constructor(
    readonly status: 400 | 413 | 415 | 422,
    message: string,
    readonly issues: RowIssue[] = [],
  ) {
    super(message);
    this.name = "RequestError";
  }

  /** The JSON body sent to the client. */
  toJSON(): { error: string; issues: RowIssue[] } {
    return { error: this.message, issues: this.issues };
  }
}

/** Parses a JSON body; throws a 400 {@link RequestError} naming the syntax problem. */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new RequestError(400, `Malformed JSON body: ${detail}`, [
      { field: "", rule: "json", message: `The body is not valid JSON: ${detail}` },
    ]);
  }
}

/** Validates one row; throws a 422 {@link RequestError} listing every issue. */
export function validateRequestRow(
  validator: RowValidator,
  body: unknown,
): Record<string, unknown> {
  return acceptRequestRow(validator, body).row;
}

/** As {@link validateRequestRow}, with the fields whose level is unseen. */
export function acceptRequestRow(validator: RowValidator, body: unknown): AcceptedRow {
  const result = checkRequestRow(validator, body);
  if (result.success) return { row: result.data, unseen: result.unseen };
  throw invalid(result.issues);
}

/** A validated batch request. */
export interface BatchRequest {
  rows: Record<string, unknown>[];
  explain: boolean;
  /** Per row, the fields whose category level is unseen. */
  unseen: (readonly string[])[];
}

/**
 * Validates `{ rows: [...], explain?: boolean }`; issues of row i are named `rows.i.FIELD`.
 */
export function validateBatchRequest(
  validator: RowValidator,
  body: unknown,
  maxRows: number,
): BatchRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw invalid([{ field: "", rule: "type", message: "The body must be an object with rows" }]);
  }
  const issues: RowIssue[] = [];
  const { rows, explain, ...rest } = body as Record<string, unknown>;
  for (const key of Object.keys(rest)) {
    issues.push({ field: key, rule: "unknown_field", message: `"${key}": is not a field` });
  }
  if (explain !== undefined && typeof explain !== "boolean") {
    issues.push({ field: "explain", rule: "type", message: `"explain": must be true or false` });
  }
  if (!Array.isArray(rows)) {
    issues.push({ field: "rows", rule: "type", message: `"rows": must be an array of rows` });
    throw invalid(issues);
  }
  if (rows.length === 0) {
    issues.push({ field: "rows", rule: "min", message: `"rows": must hold at least 1 row` });
  }
  if (rows.length > maxRows) {
    throw new RequestError(413, `Too many rows: ${rows.length}, at most ${maxRows}`, [
      { field: "rows", rule: "max", message: `"rows": must hold at most ${maxRows} rows` },
    ]);
  }
  const valid: Record<string, unknown>[] = [];
  const unseen: (readonly string[])[] = [];
  rows.forEach((row, i) => {
    const result = checkRequestRow(validator, row);
    if (result.success) {
      valid.push(result.data);
      unseen.push(result.unseen);
    } else {
      for (const issue of result.issues) {
        const field = issue.field === "" ? `rows.${i}` : `rows.${i}.${issue.field}`;
        issues.push({ ...issue, field, message: `Row ${i}: ${issue.message}` });
      }
    }
  });
  if (issues.length > 0) throw invalid(issues);
  return { rows: valid, explain: explain === true, unseen };
}

function invalid(issues: RowIssue[]): RequestError {
  const fields = new Set(issues.map((i) => i.field));
  const noun = fields.size === 1 ? "field breaks" : "fields break";
  return new RequestError(422, `Invalid request: ${fields.size} ${noun} the contract`, issues);
}
