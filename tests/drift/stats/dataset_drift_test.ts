import assert from "node:assert/strict";
import { datasetDrift } from "../../../lib/drift/stats/dataset_drift.ts";
import type { FeatureDrift } from "../../../lib/drift/stats/feature_drift.ts";
import type { DriftStatus } from "../../../lib/drift/stats/thresholds.ts";
import { DriftThresholds } from "../../../lib/drift/stats/thresholds.ts";

function feature(status: DriftStatus): FeatureDrift {
  return {
    name: status,
    type: "numeric",
    referenceRows: 10,
    currentRows: 10,
    psi: 0,
    bins: [],
    missing: { reference: 0, current: 0, change: 0 },
    status,
    drifted: status === "alert",
    reasons: [],
  };
}

Deno.test("dataset drift is the share of judged features that drifted", () => {
  const result = datasetDrift(
    [feature("alert"), feature("ok"), feature("warn"), feature("small-window")],
    DriftThresholds.parse({ dataset_share: 0.3 }),
  );
  assert.deepEqual(
    [result.judged, result.drifted, result.share, result.datasetDrifted],
    [3, 1, 1 / 3, true],
  );
});

Deno.test("dataset drift stays false below the share threshold", () => {
  assert.equal(
    datasetDrift([feature("alert"), feature("ok"), feature("ok")]).datasetDrifted,
    false,
  );
});

Deno.test("a window too small for every feature is flagged, not judged", () => {
  const result = datasetDrift([feature("small-window")]);
  assert.deepEqual([result.smallWindow, result.datasetDrifted], [true, false]);
});
