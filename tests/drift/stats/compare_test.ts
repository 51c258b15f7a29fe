import assert from "node:assert/strict";
import { byDrift, compareWindows } from "../../../lib/drift/stats/compare.ts";
import type { ManifestFeature } from "../../../lib/features/manifest/mod.ts";
import { DriftThresholds, type FeatureDrift } from "../../../lib/drift/stats/mod.ts";

const feature = (name: string): ManifestFeature => ({
  name,
  type: "numeric",
  source: "application_train",
  description: name,
});
const ramp = (n: number, offset = 0) => Float64Array.from({ length: n }, (_, i) => i + offset);
const thresholds = DriftThresholds.parse({ min_rows: 4, bins: 4 });
const window = { source: "w.parquet", rows: 8 };

Deno.test("features are sorted worst first and absent ones are listed, not judged", () => {
  const report = compareWindows(
    {
      features: [feature("same"), feature("moved"), feature("BURO_X")],
      reference: [ramp(8), ramp(8), ramp(8)],
      current: [ramp(8), ramp(8, 100), new Float64Array(8).fill(NaN)],
      absent: ["BURO_X"],
    },
    window,
    { generatedAt: "2026-01-01T00:00:00.000Z", thresholds },
  );
  assert.deepEqual(report.features.map((f) => [f.name, f.status]), [
    ["moved", "alert"],
    ["same", "ok"],
  ]);
  assert.deepEqual(report.absent, ["BURO_X"]);
  assert.deepEqual([report.dataset.judged, report.dataset.drifted], [2, 1]);
  assert.equal(report.referenceRows, 8);
});

Deno.test("prediction drift is computed only when both sides have scores", () => {
  const inputs = { features: [feature("x")], reference: [ramp(8)], current: [ramp(8)] };
  const options = { generatedAt: "2026-01-01T00:00:00.000Z", thresholds };
  assert.equal(compareWindows(inputs, window, options).prediction, undefined);
  const scored = compareWindows(
    { ...inputs, referenceScores: ramp(8), currentScores: ramp(8, 4) },
    window,
    options,
  );
  assert.equal(scored.prediction?.name, "score");
  assert.equal(scored.prediction?.ks?.statistic, 0.5);
});

Deno.test("drift order ranks status before PSI and puts unjudged PSI last", () => {
  const f = (name: string, status: FeatureDrift["status"], psi: number) =>
    ({ name, status, psi }) as FeatureDrift;
  const sorted = [f("a", "ok", 0.05), f("b", "warn", 0.12), f("c", "ok", NaN), f("d", "ok", 0.09)]
    .sort(byDrift).map((x) => x.name);
  assert.deepEqual(sorted, ["b", "d", "a", "c"]);
});
