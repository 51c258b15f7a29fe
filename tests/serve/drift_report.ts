/** A small real drift report for tests of the drift gauges in /metrics. */
import { compareWindows, type DriftReport } from "../../lib/drift/stats/mod.ts";

/** Feature "a" shifted by half its range (PSI over 0.25), "b" unchanged, with scores. */
export function driftReport(generatedAt: string): DriftReport {
  const reference = Float64Array.from({ length: 400 }, (_, i) => i);
  const shifted = Float64Array.from({ length: 400 }, (_, i) => i + 200);
  const feature = (name: string) => ({
    name,
    type: "numeric" as const,
    source: name,
    description: name,
  });
  return compareWindows(
    {
      features: [feature("a"), feature("b")],
      reference: [reference, reference],
      current: [shifted, reference],
      referenceScores: reference.map((v) => v / 400),
      currentScores: reference.map((v) => v / 400),
    },
    { source: "window.parquet", rows: 400 },
    { generatedAt },
  );
}
