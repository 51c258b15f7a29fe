/**
 * The shape of pipeline.yaml as zod schemas, one per field so that a broken field is
 * reported without hiding the problems of the others, and zod issues reworded into
 * PipelineProblems that name the stage, the field and the rule.
 */
import { z } from "zod";
import type { PipelineProblem } from "./errors.ts";
import { closestName } from "./closest_name.ts";

export { closestName } from "./closest_name.ts";

/** Top-level fields of pipeline.yaml. */
export const TOP_LEVEL_FIELDS = ["params", "stages", "plots"] as const;

/** Fields of a stage in pipeline.yaml. */
export const STAGE_FIELDS = [
  "desc",
  "cmd",
  "deps",
  "params",
  "outs",
  "metrics",
  "plots",
  "always_changed",
  "frozen",
  "state",
  "writes_state",
] as const;

/** Fields of an out given as a mapping. */
export const OUT_FIELDS = ["path", "cache", "persist"] as const;

const nonEmptyString = z.string().min(1);

/** An out (or metric, or plot) given as a mapping. */
export const OutMapping = z.strictObject({
  path: nonEmptyString,
  cache: z.boolean().optional(),
  persist: z.boolean().optional(),
});

/** The schema of each stage field. */
export const STAGE_FIELD_SCHEMAS = {
  desc: z.string(),
  cmd: z.union([nonEmptyString, z.array(nonEmptyString).min(1)], {
    error: "expected a command or a list of commands",
  }),
  deps: z.array(nonEmptyString),
  params: z.array(nonEmptyString),
  outs: z.array(z.unknown()),
  metrics: z.array(z.unknown()),
  plots: z.array(z.unknown()),
  always_changed: z.boolean(),
  frozen: z.boolean(),
  state: z.array(nonEmptyString),
  writes_state: z.array(nonEmptyString),
} as const;

/** A whole stage at once: the fast check; field by field only when it fails, for the problems. */
export const StageSchema = z.strictObject({
  desc: STAGE_FIELD_SCHEMAS.desc.optional(),
  cmd: STAGE_FIELD_SCHEMAS.cmd,
  deps: STAGE_FIELD_SCHEMAS.deps.optional(),
  params: STAGE_FIELD_SCHEMAS.params.optional(),
  outs: STAGE_FIELD_SCHEMAS.outs.optional(),
  metrics: STAGE_FIELD_SCHEMAS.metrics.optional(),
  plots: STAGE_FIELD_SCHEMAS.plots.optional(),
  always_changed: STAGE_FIELD_SCHEMAS.always_changed.optional(),
  frozen: STAGE_FIELD_SCHEMAS.frozen.optional(),
  state: STAGE_FIELD_SCHEMAS.state.optional(),
  writes_state: STAGE_FIELD_SCHEMAS.writes_state.optional(),
});

/** Stage names usable on the command line and in every graph format. */
export const STAGE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

/** Describes a YAML value for a message: `a string`, `a list`, `a mapping`, `null`. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  switch (typeof value) {
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "boolean":
      return "true or false";
    case "object":
      return "a mapping";
    default:
      return typeof value;
  }
}

const EXPECTED: Record<string, string> = {
  string: "a string",
  number: "a number",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
  record: "a mapping",
};

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** `outs[1].cache` for field "outs" and issue path [1, "cache"]. */
export function fieldPath(field: string, path: PropertyKey[]): string {
  let text = field;
  for (const key of path) text += typeof key === "number" ? `[${key}]` : `.${String(key)}`;
  return text;
}

/** The detail for an unknown field, with a hint when a known one is close. */
export function unknownFieldDetail(name: string, allowed: readonly string[]): string {
  const hint = closestName(name, allowed);
  return hint !== undefined
    ? `unknown field, did you mean "${hint}"`
    : `unknown field, expected one of ${allowed.join(", ")}`;
}

/**
 * Validates `value` as `field` with `schema`; returns the parsed value or the problems,
 * each located at the field (or inside it, e.g. `outs[1].cache`).
 */
export function parseField<T>(
  schema: z.ZodType<T>,
  value: unknown,
  where: { stage?: string; field: string; allowedKeys?: readonly string[] },
): { ok: true; value: T } | { ok: false; problems: PipelineProblem[] } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  const problems: PipelineProblem[] = [];
  for (const issue of result.error.issues) {
    const base = { stage: where.stage, field: where.field };
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        problems.push({
          ...base,
          at: fieldPath(where.field, [...issue.path, key]),
          rule: "unknown_field",
          detail: unknownFieldDetail(key, where.allowedKeys ?? []),
        });
      }
      continue;
    }
    const at = issue.path.length > 0 ? fieldPath(where.field, issue.path) : undefined;
    const input = valueAt(value, issue.path);
    let detail: string;
    if (input === undefined) {
      detail = "required field is missing";
    } else if (issue.code === "invalid_type") {
      detail = `expected ${EXPECTED[issue.expected] ?? issue.expected}, received ${
        describeValue(input)
      }`;
    } else if (issue.code === "too_small") {
      detail = "must not be empty";
    } else if (issue.code === "invalid_union") {
      detail = `${issue.message}, received ${describeValue(input)}`;
    } else {
      detail = issue.message;
    }
    problems.push({ ...base, ...(at !== undefined ? { at } : {}), rule: "wrong_type", detail });
  }
  return { ok: false, problems };
}
