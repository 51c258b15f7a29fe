/**
 * Metrics files (outs of kind "metric", JSON) flattened to dotted keys down to every
 * scalar (list items by index), and their
 * changes against a git revision, whose content comes from the cache by the hash its
 * pipeline.lock recorded, or from git when the file is tracked there.
 */
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { flattenLeaves } from "./spec/flatten.ts";
import { canonicalJson } from "./store/hash.ts";
import { openRevisionOuts } from "./revision_out.ts";
import { normaliseRepoPath } from "./spec/repo_path.ts";
import type { Revision } from "./revision.ts";
import type { PipelineSpec } from "./spec/types.ts";

/** One metrics file: its flattened values, or why they could not be read. */
export type MetricsFile =
  | { path: string; metrics: Record<string, unknown> }
  | { path: string; error: string };

/** One metric across a revision and the work tree; a side without the value leaves it out. */
export interface MetricChange {
  path: string;
  key: string;
  old?: unknown;
  new?: unknown;
  /** new − old when both are numbers. */
  change?: number;
}

/**
 * Whether a metric value is a measurement shown by default: a number, or a boolean
 * (DVC shows Python's bools, an int subclass, so `gate.passed` stays in view).
 */
export function isMeasurement(value: unknown): value is number | boolean {
  return typeof value === "number" || typeof value === "boolean";
}

/** The metric out paths of a spec, in stage and declaration order. */
export function metricPaths(spec: PipelineSpec): string[] {
  return spec.stages.flatMap((stage) =>
    stage.outs.filter((out) => out.kind === "metric").map((out) => out.path)
  );
}

/** Parses a metrics file's bytes (JSON) into dotted keys; `path` names it in errors. */
export function parseMetrics(path: string, bytes: Uint8Array): MetricsFile {
  try {
    return { path, metrics: flattenLeaves(JSON.parse(new TextDecoder().decode(bytes))) };
  } catch (error) {
    return { path, error: `not valid JSON: ${(error as Error).message}` };
  }
}

/** Reads each metrics file of the work tree; a missing or broken file is reported, not thrown. */
export async function readMetrics(root: string, paths: string[]): Promise<MetricsFile[]> {
  return await Promise.all(paths.map(async (path) => {
    try {
      return parseMetrics(path, await Deno.readFile(join(root, path)));
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) return { path, error: "missing" };
      throw error;
    }
  }));
}

/** The metric paths a revision's pipeline.yaml declares (read leniently, never validated). */
export async function revisionMetricPaths(revision: Revision): Promise<string[]> {
  const text = await revision.readText("pipeline.yaml");
  let doc: unknown;
  try {
    doc = text === undefined ? undefined : parseYaml(text);
  } catch {
    return [];
  }
  const stages = (doc as { stages?: unknown } | undefined)?.stages;
  if (typeof stages !== "object" || stages === null) return [];
  const paths: string[] = [];
  for (const stage of Object.values(stages)) {
    const metrics = (stage as { metrics?: unknown } | null)?.metrics;
    if (!Array.isArray(metrics)) continue;
    for (const item of metrics) {
      const raw = typeof item === "string" ? item : (item as { path?: unknown } | null)?.path;
      if (typeof raw !== "string") continue;
      const normalised = normaliseRepoPath(raw);
      if ("path" in normalised) paths.push(normalised.path);
    }
  }
  return paths;
}

/**
 * Reads metrics files as a revision had them: by the hash its pipeline.lock recorded,
 * from the cache; else from git if the file is tracked; else reported missing.
 */
export async function readRevisionMetrics(
  root: string,
  revision: Revision,
  paths: string[],
): Promise<MetricsFile[]> {
  const outs = await openRevisionOuts(root, revision);
  const files: MetricsFile[] = [];
  for (const path of paths) {
    const bytes = await outs.read(path);
    files.push(
      bytes === undefined
        ? { path, error: `missing at ${revision.name}` }
        : parseMetrics(path, bytes),
    );
  }
  return files;
}

/**
 * Compares metrics file by file and key by key (keys sorted within a file). Without
 * `all`, unchanged metrics are left out.
 */
export function diffMetrics(
  old: MetricsFile[],
  current: MetricsFile[],
  options: { all?: boolean } = {},
): MetricChange[] {
  const oldByPath = new Map(old.map((file) => [file.path, file]));
  const currentByPath = new Map(current.map((file) => [file.path, file]));
  const paths = [
    ...new Set([...current.map((file) => file.path), ...old.map((file) => file.path)]),
  ];
  const changes: MetricChange[] = [];
  for (const path of paths) {
    const before = oldByPath.get(path);
    const after = currentByPath.get(path);
    const beforeValues = before && "metrics" in before ? before.metrics : {};
    const afterValues = after && "metrics" in after ? after.metrics : {};
    const keys = [...new Set([...Object.keys(beforeValues), ...Object.keys(afterValues)])].sort();
    for (const key of keys) {
      const change: MetricChange = { path, key };
      if (Object.hasOwn(beforeValues, key)) change.old = beforeValues[key];
      if (Object.hasOwn(afterValues, key)) change.new = afterValues[key];
      if (typeof change.old === "number" && typeof change.new === "number") {
        // Rounded to 12 significant digits so 0.3 − 0.1 reads 0.2, not 0.19999999999999998.
        change.change = Number((change.new - change.old).toPrecision(12));
      }
      const same = canonicalJson(change.old) === canonicalJson(change.new);
      if (!same || options.all) changes.push(change);
    }
  }
  return changes;
}
