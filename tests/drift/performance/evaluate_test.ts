import assert from "node:assert/strict";
import { evaluateWindow, trainingMetrics } from "../../../lib/drift/performance/mod.ts";

const WINDOW = {
  version: "v0001",
  from: Date.UTC(2026, 10, 1),
  to: Date.UTC(2026, 10, 8),
  scores: Float64Array.of(0.1, 0.4, 0.35, 0.8),
  outcomes: Uint8Array.of(0, 0, 1, 1),
  tiers: ["low", "medium", "low", "high"],
};
const PARAMS = { min_labelled_rows: 4, max_auc_drop: 0.1, calibration_bins: 10 };

Deno.test("a window's AUC, KS, Brier and bad rate by tier are the hand-computed values", () => {
  const w = evaluateWindow(WINDOW, { auc: 0.8, ks: 0.6, brier: 0.2 }, PARAMS);
  assert.equal(w.auc, 0.75);
  assert.equal(w.ks, 0.5);
  assert.ok(Math.abs(w.brier! - 0.158125) < 1e-12);
  assert.deepEqual([w.rows, w.positives, w.status], [4, 2, "ok"]);
  assert.ok(Math.abs(w.aucDrop! - 0.05) < 1e-12);
  assert.deepEqual(w.tiers.map((t) => [t.tier, t.rows, t.badRate]), [
    ["low", 2, 0.5],
    ["medium", 1, 0],
    ["high", 1, 1],
  ]);
  assert.deepEqual(w.calibration.map((b) => [b.count, b.observedRate]), [
    [1, 0],
    [1, 1],
    [1, 0],
    [1, 1],
  ]);
  assert.equal([w.from, w.to].join(" "), "2026-11-01T00:00:00.000Z 2026-11-08T00:00:00.000Z");
});

Deno.test("an AUC more than max_auc_drop below the training AUC is flagged as decayed", () => {
  assert.equal(
    evaluateWindow(WINDOW, { auc: 0.9, ks: null, brier: null }, PARAMS).status,
    "decayed",
  );
  const lenient = { ...PARAMS, max_auc_drop: 0.2 };
  assert.equal(evaluateWindow(WINDOW, { auc: 0.9, ks: null, brier: null }, lenient).status, "ok");
  const unknown = evaluateWindow(WINDOW, { auc: null, ks: null, brier: null }, PARAMS);
  assert.deepEqual([unknown.status, unknown.aucDrop], ["ok", null]);
});

Deno.test("a window under min_labelled_rows or with one class is reported, not judged", () => {
  const small = evaluateWindow(WINDOW, trainingMetrics({ "test.auc": 0.7 }), {
    ...PARAMS,
    min_labelled_rows: 5,
  });
  assert.deepEqual([small.status, small.auc, small.rows, small.tiers.length], [
    "insufficient",
    null,
    4,
    3,
  ]);
  const oneClass = evaluateWindow({ ...WINDOW, outcomes: Uint8Array.of(0, 0, 0, 0) }, {
    auc: 0.7,
    ks: null,
    brier: null,
  }, PARAMS);
  assert.deepEqual([oneClass.status, oneClass.auc], ["one_class", null]);
  assert.ok(oneClass.brier! > 0);
});

Deno.test("training metrics are the version's registered test metrics", () => {
  assert.deepEqual(trainingMetrics({ "test.auc": 0.71, "test.ks": 0.3, "test.brier": 0.07 }), {
    auc: 0.71,
    ks: 0.3,
    brier: 0.07,
  });
  assert.deepEqual(trainingMetrics(undefined), { auc: null, ks: null, brier: null });
});
