/**
 * zod issues of a params section reworded for people: each names its dotted key, the
 * rule the key follows (read from the schema's JSON Schema, so the whole rule shows, not
 * only the bound that broke) and the value it got; an unknown key names the nearest known one.
 */
import { z } from "zod";
import { PipelineError, type PipelineProblem } from "./errors.ts";
import { formatParamValue } from "./param_reasons.ts";
import { closestName } from "./closest_name.ts";

type JsonSchemaNode = {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchemaNode[];
  properties?: Record<string, JsonSchemaNode>;
  items?: JsonSchemaNode;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
};

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function nodeAt(root: JsonSchemaNode, path: PropertyKey[]): JsonSchemaNode | undefined {
  let node: JsonSchemaNode | undefined = root;
  for (const part of path) {
    if (node === undefined) return undefined;
    const options: JsonSchemaNode[] = node.anyOf ?? [node];
    node = options.map((option) =>
      typeof part === "number" ? option.items : option.properties?.[String(part)]
    ).find((child) => child !== undefined);
  }
  return node;
}

function valueAt(value: unknown, path: PropertyKey[]): unknown {
  let node = value;
  for (const part of path) {
    if (Array.isArray(node) && typeof part === "number") node = node[part];
    else if (isMapping(node) && Object.hasOwn(node, String(part))) node = node[String(part)];
    else return undefined;
  }
  return node;
}

function boundsOf(node: JsonSchemaNode): string[] {
  const limit = Number.MAX_SAFE_INTEGER;
  const bounds: string[] = [];
  if (node.exclusiveMinimum !== undefined) bounds.push(`> ${node.exclusiveMinimum}`);
  else if (node.minimum !== undefined && node.minimum > -limit) bounds.push(`≥ ${node.minimum}`);
  if (node.exclusiveMaximum !== undefined) bounds.push(`< ${node.exclusiveMaximum}`);
  else if (node.maximum !== undefined && node.maximum < limit) bounds.push(`≤ ${node.maximum}`);
  return bounds;
}

/**
 * The rule a JSON Schema node states, as the end of "must be …": `an integer ≥ 1`,
 * `one of "auc", "logloss"`, `a string or null`; undefined when it states none we name.
 */
export function describeRule(node: JsonSchemaNode): string | undefined {
  if (node.enum !== undefined) {
    return `one of ${node.enum.map((v) => JSON.stringify(v)).join(", ")}`;
  }
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.anyOf !== undefined) {
    const parts = node.anyOf.map(describeRule);
    return parts.every((part) => part !== undefined) ? parts.join(" or ") : undefined;
  }
  switch (node.type) {
    case "integer":
    case "number": {
      const base = node.type === "integer" ? "an integer" : "a number";
      const bounds = boundsOf(node);
      return bounds.length === 0 ? base : `${base} ${bounds.join(" and ")}`;
    }
    case "string":
      return (node.minLength ?? 0) >= 1 ? "a non-empty string" : "a string";
    case "boolean":
      return "true or false";
    case "null":
      return "null";
    case "object":
      return "a mapping";
    case "array": {
      const items = node.items === undefined ? undefined : describeRule(node.items);
      return items === undefined ? "a list" : `a list, each item ${items}`;
    }
  }
  return undefined;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** A param that breaks its schema: `field` is its dotted key. */
export interface ParamProblem extends PipelineProblem {
  field: string;
  rule: "bad_param" | "unknown_param";
  /** The value came from `--set-param`, not pipeline.yaml. */
  fromFlag?: boolean;
}

/** Options of `describeParamIssues`. */
export interface ParamIssueOptions {
  /** Dotted keys whose values came from `--set-param`, so the message blames the flag. */
  fromFlag?: ReadonlySet<string>;
}

/**
 * Rewords the zod issues of one params section (`value` as the user wrote it) into
 * problems whose field is the dotted key, e.g. field `train.gbdt.max_depth`, detail
 * `must be an integer ≥ 0 and ≤ 30, got -1`.
 */
export function describeParamIssues(
  section: string,
  schema: z.ZodType,
  value: unknown,
  issues: readonly z.core.$ZodIssue[],
  options: ParamIssueOptions = {},
): ParamProblem[] {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchemaNode;
  const problems: ParamProblem[] = [];
  const push = (path: PropertyKey[], rule: ParamProblem["rule"], detail: string) => {
    const field = [section, ...path.map(String)].join(".");
    const problem: ParamProblem = { field, rule, detail };
    if (options.fromFlag?.has(field)) problem.fromFlag = true;
    problems.push(problem);
  };
  for (const issue of issues) {
    const path = issue.path;
    if (issue.code === "unrecognized_keys") {
      const known = Object.keys(nodeAt(json, path)?.properties ?? {});
      for (const key of issue.keys) {
        const hint = closestName(key, known);
        const prefix = [section, ...path.map(String)].join(".");
        push(
          [...path, key],
          "unknown_param",
          hint === undefined ? `${prefix} has no such param` : `did you mean ${prefix}.${hint}?`,
        );
      }
      continue;
    }
    const got = valueAt(value, path);
    if (issue.code === "custom") {
      push(path, "bad_param", `${lowerFirst(issue.message)}, got ${formatParamValue(got)}`);
      continue;
    }
    const node = nodeAt(json, path);
    const rule = node === undefined ? undefined : describeRule(node);
    const must = rule === undefined ? lowerFirst(issue.message) : `must be ${rule}`;
    push(
      path,
      "bad_param",
      got === undefined ? `missing, ${must}` : `${must}, got ${formatParamValue(got)}`,
    );
  }
  return problems;
}

/** One problem as a line: `Invalid param train.seed (from --set-param): must be …`. */
export function formatParamProblem(problem: ParamProblem): string {
  const kind = problem.rule === "unknown_param" ? "Unknown param" : "Invalid param";
  const flag = problem.fromFlag ? " (from --set-param)" : "";
  return `${kind} ${problem.field}${flag}: ${problem.detail}`;
}

/**
 * Params that break their section's schema, every problem at once:
 * `Invalid param train.gbdt.max_depth: must be an integer ≥ 0 and ≤ 30, got -1`. A
 * PipelineError, so the CLI exits 2 with the message and no stack.
 */
export class ParamsError extends PipelineError {
  constructor(problems: ParamProblem[]) {
    super("Invalid params", problems);
    this.message = problems.length === 1
      ? formatParamProblem(problems[0])
      : `Invalid params: ${problems.length} problems\n${
        problems.map((problem) => `  - ${formatParamProblem(problem)}`).join("\n")
      }`;
  }
}
