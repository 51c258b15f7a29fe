/** `exp diff A B`: the params and metrics two experiments disagree on, DVC's shape. */
import { isMeasurement } from "../metrics.ts";
import type { ExperimentRecord } from "./record.ts";

/** One differing value. */
export interface ExperimentChange {
  kind: "param" | "metric";
  /** The metrics file (pipeline.yaml for a param). */
  path: string;
  key: string;
  a?: unknown;
  b?: unknown;
  /** b − a when both are numbers. */
  change?: number;
}

function flatMetrics(
  record: ExperimentRecord,
): Map<string, { path: string; key: string; value: unknown }> {
  const cells = new Map<string, { path: string; key: string; value: unknown }>();
  for (const [path, metrics] of Object.entries(record.metrics ?? {})) {
    if ("error" in metrics && typeof metrics.error === "string") continue;
    for (const [key, value] of Object.entries(metrics)) {
      if (isMeasurement(value)) cells.set(`${path}\0${key}`, { path, key, value });
    }
  }
  return cells;
}

/**
 * The params and metrics whose values differ between two records (`all` keeps equal ones).
 * @example
 * ```ts ignore
 * const changes = diffExperiments(recordA, recordB);
 * ```
 */
export function diffExperiments(
  a: ExperimentRecord,
  b: ExperimentRecord,
  all = false,
): ExperimentChange[] {
  const changes: ExperimentChange[] = [];
  const paramKeys = [...new Set([...Object.keys(a.params), ...Object.keys(b.params)])].sort();
  for (const key of paramKeys) {
    const [x, y] = [a.params[key], b.params[key]];
    if (!all && JSON.stringify(x) === JSON.stringify(y)) continue;
    changes.push({ kind: "param", path: "pipeline.yaml", key, a: x, b: y, ...delta(x, y) });
  }
  const [ma, mb] = [flatMetrics(a), flatMetrics(b)];
  for (const id of [...new Set([...ma.keys(), ...mb.keys()])].sort()) {
    const [x, y] = [ma.get(id), mb.get(id)];
    if (!all && x?.value === y?.value) continue;
    const { path, key } = (x ?? y)!;
    changes.push({
      kind: "metric",
      path,
      key,
      a: x?.value,
      b: y?.value,
      ...delta(x?.value, y?.value),
    });
  }
  return changes;
}

function delta(a: unknown, b: unknown): { change?: number } {
  return typeof a === "number" && typeof b === "number" ? { change: b - a } : {};
}
