/**
 * Reads one stage of pipeline.yaml into a StageSpec: field shapes checked with zod,
 * commands and out declarations normalised, paths made repo-relative POSIX.
 */
import type { PipelineProblem } from "./errors.ts";
import { normaliseRepoPath } from "./repo_path.ts";
import {
  describeValue,
  OUT_FIELDS,
  OutMapping,
  parseField as parseFieldOf,
  STAGE_FIELD_SCHEMAS,
  STAGE_FIELDS,
  STAGE_NAME,
  StageSchema,
  unknownFieldDetail,
} from "./schema.ts";
import { STATE_NAMES } from "./state_names.ts";
import type { OutSpec, StageSpec } from "./types.ts";
import type { z } from "zod";

/** A stage as read, with its problems; `outsKnown` is false when an out field was unreadable. */
export interface ReadStage {
  stage: StageSpec;
  problems: PipelineProblem[];
  outsKnown: boolean;
}

const OUT_KINDS = { outs: "out", metrics: "metric", plots: "plot" } as const;

/** The pipeline.yaml field an out of this kind was declared in. */
export function outField(kind: OutSpec["kind"]): "outs" | "metrics" | "plots" {
  return kind === "out" ? "outs" : kind === "metric" ? "metrics" : "plots";
}

/** Reads the stage `name` from its raw YAML value. */
export function readStage(name: string, raw: unknown): ReadStage {
  const stage: StageSpec = {
    name,
    cmd: [],
    deps: [],
    params: [],
    outs: [],
    alwaysChanged: false,
    frozen: false,
  };
  const problems: PipelineProblem[] = [];
  let outsKnown = true;
  if (!STAGE_NAME.test(name)) {
    problems.push({
      stage: name,
      rule: "bad_stage_name",
      detail: 'invalid stage name, use letters, digits, "_" and "-", not starting with "-"',
    });
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    problems.push({
      stage: name,
      rule: "wrong_type",
      detail: `expected a mapping of stage fields, received ${describeValue(raw)}`,
    });
    return { stage, problems, outsKnown: false };
  }
  const fields = raw as Record<string, unknown>;
  // Most stages are valid: one zod pass over the stage, then fields are taken as they are.
  const valid = StageSchema.safeParse(fields).success;
  function parseField<T>(
    schema: z.ZodType<T>,
    value: unknown,
    where: { stage: string; field: string },
  ) {
    return valid ? { ok: true as const, value: value as T } : parseFieldOf(schema, value, where);
  }
  for (const key of valid ? [] : Object.keys(fields)) {
    if (!(STAGE_FIELDS as readonly string[]).includes(key)) {
      problems.push({
        stage: name,
        field: key,
        rule: "unknown_field",
        detail: unknownFieldDetail(key, STAGE_FIELDS),
      });
    }
  }

  const cmd = parseField(STAGE_FIELD_SCHEMAS.cmd, fields.cmd, { stage: name, field: "cmd" });
  if (cmd.ok) stage.cmd = typeof cmd.value === "string" ? [cmd.value] : cmd.value;
  else problems.push(...cmd.problems);

  if (fields.desc !== undefined) {
    const desc = parseField(STAGE_FIELD_SCHEMAS.desc, fields.desc, { stage: name, field: "desc" });
    if (desc.ok) stage.desc = desc.value;
    else problems.push(...desc.problems);
  }
  for (const [field, key] of [["always_changed", "alwaysChanged"], ["frozen", "frozen"]] as const) {
    if (fields[field] === undefined) continue;
    const flag = parseField(STAGE_FIELD_SCHEMAS[field], fields[field], { stage: name, field });
    if (flag.ok) stage[key] = flag.value;
    else problems.push(...flag.problems);
  }
  if (fields.params !== undefined) {
    const params = parseField(STAGE_FIELD_SCHEMAS.params, fields.params, {
      stage: name,
      field: "params",
    });
    if (params.ok) stage.params = [...new Set(params.value)];
    else problems.push(...params.problems);
  }
  if (fields.deps !== undefined) {
    const deps = parseField(STAGE_FIELD_SCHEMAS.deps, fields.deps, { stage: name, field: "deps" });
    if (deps.ok) {
      const seen = new Set<string>();
      deps.value.forEach((dep, i) => {
        const normalised = normaliseRepoPath(dep);
        if ("problem" in normalised) {
          problems.push({
            stage: name,
            field: "deps",
            at: `deps[${i}]`,
            rule: "bad_path",
            detail: normalised.problem,
          });
        } else if (!seen.has(normalised.path)) {
          seen.add(normalised.path);
          stage.deps.push(normalised.path);
        }
      });
    } else {
      problems.push(...deps.problems);
    }
  }
  for (const [field, key] of [["state", "state"], ["writes_state", "writesState"]] as const) {
    if (fields[field] === undefined) continue;
    const names = parseField(STAGE_FIELD_SCHEMAS[field], fields[field], { stage: name, field });
    if (!names.ok) {
      problems.push(...names.problems);
      continue;
    }
    names.value.forEach((state, i) => {
      if (!(STATE_NAMES as readonly string[]).includes(state)) {
        problems.push({
          stage: name,
          field,
          at: `${field}[${i}]`,
          rule: "unknown_state",
          detail: `unknown state "${state}", expected one of ${STATE_NAMES.join(", ")}`,
        });
      }
    });
    const unique = [...new Set(names.value)].sort();
    if (unique.length > 0) stage[key] = unique;
  }
  for (const field of ["outs", "metrics", "plots"] as const) {
    if (fields[field] === undefined) continue;
    const list = parseField(STAGE_FIELD_SCHEMAS[field], fields[field], { stage: name, field });
    if (!list.ok) {
      problems.push(...list.problems);
      outsKnown = false;
      continue;
    }
    list.value.forEach((item, i) => {
      const out = readOut(item, { stage: name, field, index: i }, problems);
      if (out) stage.outs.push(out);
      else outsKnown = false;
    });
  }
  return { stage, problems, outsKnown };
}

function readOut(
  item: unknown,
  where: { stage: string; field: "outs" | "metrics" | "plots"; index: number },
  problems: PipelineProblem[],
): OutSpec | undefined {
  const at = `${where.field}[${where.index}]`;
  let declared: { path: string; cache?: boolean; persist?: boolean };
  if (typeof item === "string") {
    declared = { path: item };
  } else if (typeof item === "object" && item !== null && !Array.isArray(item)) {
    const parsed = parseFieldOf(OutMapping, item, {
      stage: where.stage,
      field: at,
      allowedKeys: OUT_FIELDS,
    });
    if (!parsed.ok) {
      problems.push(...parsed.problems.map((problem) => ({ ...problem, field: where.field })));
      return undefined;
    }
    declared = parsed.value;
  } else {
    problems.push({
      stage: where.stage,
      field: where.field,
      at,
      rule: "wrong_type",
      detail: `expected a path or a mapping with "path", received ${describeValue(item)}`,
    });
    return undefined;
  }
  const normalised = normaliseRepoPath(declared.path);
  if ("problem" in normalised) {
    problems.push({
      stage: where.stage,
      field: where.field,
      at,
      rule: "bad_path",
      detail: normalised.problem,
    });
    return undefined;
  }
  return {
    path: normalised.path,
    cache: declared.cache ?? true,
    persist: declared.persist ?? false,
    kind: OUT_KINDS[where.field],
  };
}
