import assert from "node:assert/strict";
import type { DriftReport } from "../../lib/drift/stats/mod.ts";
import { DEFAULT_DRIFT_THRESHOLDS } from "../../lib/drift/stats/mod.ts";
import type { PerformanceReport } from "../../lib/drift/performance/mod.ts";
import { DEFAULT_MONITOR_PARAMS, judgeWindow } from "../../lib/monitor/mod.ts";
import { findParamProblems } from "../../lib/stage/param_schemas.ts";

/** A drift report of 1,000 rows with only the fields the checks read. */
function driftReport(outliers?: { flagged: number; rate: number }): DriftReport {
  return {
    modelVersion: "v0001",
    window: {
      source: "w.parquet",
      rows: 1000,
      ...(outliers ? { outliers: { ...outliers, source: "logged" as const } } : {}),
    },
    thresholds: DEFAULT_DRIFT_THRESHOLDS,
    dataset: {
      judged: 10,
      drifted: 1,
      share: 0.1,
      threshold: 0.5,
      datasetDrifted: false,
      smallWindow: false,
    },
  } as unknown as DriftReport;
}

function performance(aucDrop: number): PerformanceReport {
  const window = { version: "v0001", from: "2026-01-01", to: "2026-01-08", aucDrop };
  return { latest: { v0001: window } } as unknown as PerformanceReport;
}

Deno.test("a realised AUC drop past monitor.performance.max_auc_drop alerts", () => {
  const judge = (drop: number) =>
    judgeWindow({ drift: driftReport(), performance: performance(drop) }, DEFAULT_MONITOR_PARAMS)
      .find((c) => c.name === "realised_auc")!;
  assert.deepEqual([judge(0.08).status, judge(0.08).value, judge(0.08).threshold], [
    "alert",
    0.08,
    0.05,
  ]);
  assert.equal(judge(0.01).status, "ok");
});

Deno.test("an outlier rate past monitor.max_outlier_rate alerts; no outlier model is skipped", () => {
  const judge = (drift: DriftReport) =>
    judgeWindow({ drift }, DEFAULT_MONITOR_PARAMS).find((c) => c.name === "outlier_rate")!;
  assert.equal(judge(driftReport({ flagged: 150, rate: 0.15 })).status, "alert");
  assert.equal(judge(driftReport({ flagged: 20, rate: 0.02 })).status, "ok");
  assert.deepEqual(judge(driftReport()), {
    name: "outlier_rate",
    param: "monitor.max_outlier_rate",
    value: null,
    threshold: 0.1,
    status: "skipped",
    reason: "the production version has no outlier model",
  });
});

Deno.test("a window without scores skips prediction drift with the reason", () => {
  const check = judgeWindow({ drift: driftReport() }, DEFAULT_MONITOR_PARAMS)[1];
  assert.deepEqual([check.name, check.status, check.reason], [
    "prediction_drift",
    "skipped",
    "no scores on both sides (no production version)",
  ]);
});

Deno.test("the pipeline's params check names a monitor threshold that is not a number", () => {
  assert.deepEqual(findParamProblems({ monitor: { max_outlier_rate: "x" } }), [{
    field: "monitor.max_outlier_rate",
    rule: "bad_param",
    detail: 'must be a number ≥ 0 and ≤ 1, got "x"',
  }]);
});
