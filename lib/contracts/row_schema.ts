/**
 * Single-row validation from the same contract the bulk checks use: a zod object whose
 * issues name the field and the rule (`/predict` payloads are validated with it).
 */
import { z } from "zod";
import { describeLevels } from "./column_checks.ts";
import type { ColumnContract, TableContract } from "./types.ts";

/** Options for {@link rowSchema}. */
export interface RowSchemaOptions {
  /** Columns left out of the row (e.g. the key and the target of a scoring payload). */
  omit?: string[];
  /** "strict" (default) rejects fields the contract does not name; "strip" drops them. */
  unknownFields?: "strict" | "strip";
  /**
   * Every field may be null or left out, as a scoring payload with missing values is
   * (the other rules still apply to the values given).
   */
  partial?: boolean;
}

/** One problem with one field of a row. */
export interface RowIssue {
  /** Field name ("" for the row itself). */
  field: string;
  /** Rule broken: required, type, integer, finite, min, max, in_set, target_binary, unknown_field. */
  rule: string;
  /** Sentence naming the field and the rule, e.g. `"AMT_CREDIT": must be at least 0`. */
  message: string;
}

/** A validated row, or every issue found in it. */
export type RowResult =
  | { success: true; data: Record<string, unknown> }
  | { success: false; issues: RowIssue[] };

/** The zod type of a validated row. */
export type RowSchema = z.ZodType<Record<string, unknown>>;

/**
 * Builds a zod schema validating one row of a table contract.
 * @example
 * ```ts
 * import { rowSchema } from "./row_schema.ts";
 * import { homeCreditContracts } from "./home_credit.ts";
 * const contract = homeCreditContracts({ source: "synthetic" })
 *   .find((c) => c.table === "application_train")!;
 * const schema = rowSchema(contract, { omit: ["SK_ID_CURR", "TARGET"] });
 * // e.g. "Must be at least 0" for a negative AMT_CREDIT
 * if (schema.safeParse({ AMT_CREDIT: -1 }).success) throw new Error("expected a rejected row");
 * ```
 */
export function rowSchema(contract: TableContract, options: RowSchemaOptions = {}): RowSchema {
  const omit = new Set(options.omit ?? []);
  const shape: Record<string, z.ZodType> = {};
  for (const column of contract.columns) {
    if (omit.has(column.name)) continue;
    const value = valueSchema(column, contract.target === column.name);
    const optional = column.nullable || options.partial === true;
    shape[column.name] = optional ? value.nullable().optional() : value;
  }
  return options.unknownFields === "strip" ? z.object(shape) : z.strictObject(shape);
}

/**
 * Validates one row and returns its issues as (field, rule, message).
 * @example
 * ```ts
 * import { rowSchema, validateRow } from "./row_schema.ts";
 * import { homeCreditContracts } from "./home_credit.ts";
 * const contract = homeCreditContracts({ source: "synthetic" })
 *   .find((c) => c.table === "application_train")!;
 * const result = validateRow(rowSchema(contract), { AMT_CREDIT: NaN });
 * // [{ field: "AMT_CREDIT", rule: "finite", … }, …]
 * if (result.success) throw new Error("expected issues");
 * ```
 */
export function validateRow(schema: RowSchema, row: unknown): RowResult {
  const parsed = schema.safeParse(row);
  if (parsed.success) return { success: true, data: parsed.data };
  return { success: false, issues: parsed.error.issues.flatMap(toRowIssues) };
}

type Fail = (rule: string, message: string) => void;

function valueSchema(column: ColumnContract, isTarget: boolean): z.ZodType {
  const check = valueCheck(column, isTarget);
  return z.unknown().superRefine((value, ctx) => {
    const fail: Fail = (rule, message) =>
      ctx.addIssue({ code: "custom", message, params: { rule }, input: value });
    if (value === undefined) return fail("required", "Is required");
    check(value, fail);
  });
}

function valueCheck(column: ColumnContract, isTarget: boolean) {
  switch (column.type) {
    case "boolean":
      return (value: unknown, fail: Fail) => {
        if (typeof value !== "boolean") fail("type", "Must be true or false");
      };
    case "string":
    case "text":
      return (value: unknown, fail: Fail) => {
        if (typeof value !== "string") fail("type", "Must be a string");
      };
    case "category":
      return categoryCheck(column.levels);
    case "int":
    case "float":
      return numberCheck(column, isTarget);
  }
}

function categoryCheck(levels: string[] | undefined) {
  const allowed = levels === undefined ? undefined : new Set(levels);
  const message = levels === undefined ? "" : `Must be one of ${describeLevels(levels)}`;
  return (value: unknown, fail: Fail) => {
    if (typeof value !== "string") return fail("type", "Must be a string");
    if (allowed !== undefined && !allowed.has(value)) fail("in_set", message);
  };
}

function numberCheck(column: ColumnContract, isTarget: boolean) {
  const sentinels = new Set(column.sentinels ?? []);
  const orSentinel = sentinels.size > 0 ? ` or a sentinel (${[...sentinels].join(", ")})` : "";
  return (value: unknown, fail: Fail) => {
    if (typeof value !== "number") return fail("type", "Must be a number");
    if (!Number.isFinite(value)) return fail("finite", "Must be a finite number");
    if (column.type === "int" && !Number.isInteger(value)) {
      return fail("integer", "Must be an integer");
    }
    const exempt = sentinels.has(value);
    if (column.min !== undefined && value < column.min && !exempt) {
      fail("min", `Must be at least ${column.min}${orSentinel}`);
    }
    if (column.max !== undefined && value > column.max && !exempt) {
      fail("max", `Must be at most ${column.max}${orSentinel}`);
    }
    if (isTarget && value !== 0 && value !== 1) fail("target_binary", "Must be 0 or 1");
  };
}

function toRowIssues(issue: z.core.$ZodIssue): RowIssue[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      field: key,
      rule: "unknown_field",
      message: `"${key}": is not a field of the contract`,
    }));
  }
  const field = issue.path.map(String).join(".");
  if (field === "") return [{ field, rule: "type", message: "The row must be an object" }];
  const params = (issue as { params?: { rule?: unknown } }).params;
  const rule = typeof params?.rule === "string" ? params.rule : issue.code;
  return [{ field, rule, message: `"${field}": ${lowerFirst(issue.message)}` }];
}

function lowerFirst(text: string): string {
  return text.length > 0 ? text[0].toLowerCase() + text.slice(1) : text;
}
