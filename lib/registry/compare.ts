/** Side-by-side metrics of two registered versions. */
import { readVersion } from "./store.ts";

/** One metric of a comparison; a side is undefined when that version lacks the metric. */
export interface MetricComparison {
  metric: string;
  a: number | undefined;
  b: number | undefined;
  /** b − a, when both exist. */
  change: number | undefined;
}

/** Compares the metrics of versions `a` and `b`, metric names sorted. */
export async function compareVersions(
  root: string,
  a: string,
  b: string,
): Promise<MetricComparison[]> {
  const [left, right] = await Promise.all([readVersion(root, a), readVersion(root, b)]);
  const names = [...new Set([...Object.keys(left.metrics), ...Object.keys(right.metrics)])].sort();
  return names.map((metric) => {
    const x = left.metrics[metric];
    const y = right.metrics[metric];
    return { metric, a: x, b: y, change: x !== undefined && y !== undefined ? y - x : undefined };
  });
}
