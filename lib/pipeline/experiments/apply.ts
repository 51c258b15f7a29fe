/**
 * `exp apply NAME`: the user's work tree becomes the experiment's — its changed params
 * written into pipeline.yaml (through the yaml package's Document API, so comments and
 * layout stay), its outs checked out from the shared cache, and its stages' lock entries
 * into pipeline.lock, so `status` finds those stages up to date.
 */
import { join } from "node:path";
import { isScalar, parseDocument, stringify } from "yaml";
import { openCache } from "../store/cache.ts";
import { writeFileAtomic } from "../store/atomic.ts";
import { readLock, writeLock } from "../store/lock.ts";
import { createHasher } from "../store/stat_cache.ts";
import { ExperimentError } from "./errors.ts";
import type { ExperimentRecord } from "./record.ts";

/** What `applyExperiment` changed. */
export interface ApplyResult {
  /** Dotted param keys written into pipeline.yaml. */
  params: string[];
  /** Outs checked out from the cache (those already as the experiment left them are not). */
  restored: string[];
  /** Outs whose objects the cache does not hold (say, after `gc`): left as they were. */
  missing: string[];
}

/**
 * Writes `values` (dotted keys under `params:`) into pipeline.yaml text, keeping every
 * other byte: an existing scalar's text is replaced where it stands (its comment stays);
 * only a key the file lacks makes the yaml package re-print the document.
 * @example
 * ```ts
 * import { setParamsInYaml } from "./apply.ts";
 * const text = "params:\n  train: { depth: 4 }   # tree depth\nstages: [ ]\n";
 * const out = setParamsInYaml(text, { "train.depth": 6 });
 * if (out !== "params:\n  train: { depth: 6 }   # tree depth\nstages: [ ]\n") throw new Error(out);
 * ```
 */
export function setParamsInYaml(text: string, values: Record<string, unknown>): string {
  const document = parseDocument(text);
  const edits: { start: number; end: number; text: string }[] = [];
  const missing: [string[], unknown][] = [];
  for (const [key, value] of Object.entries(values)) {
    const path = ["params", ...key.split(".")];
    const node = document.getIn(path, true);
    if (isScalar(node) && node.range) {
      edits.push({ start: node.range[0], end: node.range[1], text: scalarText(value) });
    } else missing.push([path, value]);
  }
  let updated = text;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    updated = updated.slice(0, edit.start) + edit.text + updated.slice(edit.end);
  }
  if (missing.length === 0) return updated;
  const reparsed = parseDocument(updated);
  for (const [path, value] of missing) reparsed.setIn(path, value);
  return reparsed.toString();
}

function scalarText(value: unknown): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

/**
 * Applies a finished experiment to the work tree at `root`.
 * @example
 * ```ts ignore
 * const result = await applyExperiment(root, record);
 * ```
 */
export async function applyExperiment(
  root: string,
  record: ExperimentRecord,
): Promise<ApplyResult> {
  if (record.status !== "done" || record.lock === undefined) {
    throw new ExperimentError(
      `Cannot apply experiment "${record.name}": it is ${record.status}, not done`,
    );
  }
  const values = Object.fromEntries(record.changed.map((key) => [key, record.params[key]]));
  const yamlPath = join(root, "pipeline.yaml");
  const text = await Deno.readTextFile(yamlPath);
  const updated = setParamsInYaml(text, values);
  if (updated !== text) await writeFileAtomic(yamlPath, updated);
  const cache = openCache(root);
  const hasher = await createHasher(root);
  const result: ApplyResult = { params: Object.keys(values), restored: [], missing: [] };
  const lock = await readLock(root);
  for (const [stage, entry] of Object.entries(record.lock.stages)) {
    if (record.skippedStages.includes(stage)) continue;
    let complete = true;
    for (const out of entry.outs) {
      if ((await hasher.hashPath(out.path))?.hash === out.hash) continue; // already as it ran
      if (await cache.checkout(out.path, out.hash)) result.restored.push(out.path);
      else {
        result.missing.push(out.path);
        complete = false;
      }
    }
    if (complete) lock.stages[stage] = entry;
    else delete lock.stages[stage]; // stale: the next repro restores or reruns it
  }
  await hasher.flush();
  await writeLock(root, lock);
  return result;
}
