/**
 * Param changes between two snapshots of a repo (a git revision and the work tree). Each
 * side has the params pipeline.yaml declares and the values pipeline.lock recorded, which
 * differ after a `repro --set-param` experiment or an edit not yet reproduced.
 */
import { parse as parseYaml } from "yaml";
import { PipelineError } from "./spec/errors.ts";
import { flattenKeys } from "./spec/flatten.ts";
import { canonicalJson } from "./store/hash.ts";
import { parseLock } from "./store/lock.ts";

/** One side of a params diff, flattened to dotted keys. */
export interface ParamsSnapshot {
  /** What pipeline.yaml declares. */
  declared: Record<string, unknown>;
  /** What the stages last ran with, per pipeline.lock. */
  recorded: Record<string, unknown>;
}

/** One param across the two sides; a value absent on a side is left out. */
export interface ParamChange {
  key: string;
  old?: unknown;
  new?: unknown;
  /** The old side's lock value, when it differs from `old`. */
  oldLock?: unknown;
  /** The new side's lock value, when it differs from `new`. */
  newLock?: unknown;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * Reads a snapshot from pipeline.yaml and pipeline.lock texts (undefined when absent);
 * `source` names where they came from in error messages, e.g. "HEAD".
 */
export function readParamsSnapshot(
  yamlText: string | undefined,
  lockText: string | undefined,
  source: string,
): ParamsSnapshot {
  let doc: unknown;
  try {
    doc = yamlText === undefined ? {} : parseYaml(yamlText) ?? {};
  } catch (error) {
    throw new PipelineError(`Cannot read pipeline.yaml of ${source}`, [{
      rule: "yaml_syntax",
      detail: `invalid YAML: ${(error as Error).message.split("\n")[0].replace(/:$/, "")}`,
    }]);
  }
  const params = isMapping(doc) && isMapping(doc.params) ? doc.params : {};
  const declared = flattenKeys(params);
  const recorded: Record<string, unknown> = {};
  const lock = lockText === undefined ? undefined : parseLock(lockText);
  for (const entry of Object.values(lock?.stages ?? {})) {
    for (const [key, value] of Object.entries(entry.params)) {
      const flat = isMapping(value) ? flattenKeys(value, key) : { [key]: value };
      for (const [leaf, leafValue] of Object.entries(flat)) {
        // Stages that ran with an override win over stages that ran with the declared value.
        const known = Object.hasOwn(recorded, leaf);
        if (!known || (same(recorded[leaf], declared[leaf]) && !same(leafValue, declared[leaf]))) {
          recorded[leaf] = leafValue;
        }
      }
    }
  }
  return { declared, recorded };
}

/**
 * Compares two snapshots key by key (sorted). Without `all`, only keys whose value
 * changed, or whose lock value differs from the declared one on either side, are listed.
 */
export function diffParams(
  old: ParamsSnapshot,
  current: ParamsSnapshot,
  options: { all?: boolean } = {},
): ParamChange[] {
  const keys = new Set([
    ...Object.keys(old.declared),
    ...Object.keys(old.recorded),
    ...Object.keys(current.declared),
    ...Object.keys(current.recorded),
  ]);
  const changes: ParamChange[] = [];
  for (const key of [...keys].sort()) {
    const change: ParamChange = { key };
    if (Object.hasOwn(old.declared, key)) change.old = old.declared[key];
    if (Object.hasOwn(current.declared, key)) change.new = current.declared[key];
    if (Object.hasOwn(old.recorded, key) && !same(old.recorded[key], change.old)) {
      change.oldLock = old.recorded[key];
    }
    if (Object.hasOwn(current.recorded, key) && !same(current.recorded[key], change.new)) {
      change.newLock = current.recorded[key];
    }
    const changed = !same(change.old, change.new) || "oldLock" in change || "newLock" in change;
    if (changed || options.all) changes.push(change);
  }
  return changes;
}
