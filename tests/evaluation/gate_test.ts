import assert from "node:assert/strict";
import { evaluateGate, GateParams, overlapShare } from "../../lib/evaluation/gate.ts";

const params = GateParams.parse({
  min_auc: 0.7,
  min_gain_over_baseline: 0.01,
  max_ece: 0.05,
  calibration_test: "ece",
});

Deno.test("a candidate meeting every threshold passes with production checks skipped", () => {
  const result = evaluateGate({
    candidateAuc: 0.75,
    baselineAuc: 0.72,
    candidateEce: 0.02,
    candidateTopFeatures: ["a", "b"],
  }, params);
  assert.equal(result.passed, true);
  assert.deepEqual(result.checks.map((c) => [c.name, c.status]), [
    ["min_auc", "pass"],
    ["beats_baseline", "pass"],
    ["calibration_ece", "pass"],
    ["not_worse_than_production", "skipped"],
    ["score_psi_vs_production", "skipped"],
    ["top_feature_stability", "skipped"],
    ["min_adverse_impact_ratio", "skipped"],
  ]);
});

Deno.test("each failing check is named with its value and threshold", () => {
  const result = evaluateGate({
    candidateAuc: 0.69,
    baselineAuc: 0.685,
    candidateEce: 0.08,
    candidateTopFeatures: ["x", "y", "z", "w"],
    production: { version: "v0003", auc: 0.71, scorePsi: 0.4, topFeatures: ["a", "b", "x", "y"] },
  }, GateParams.parse({ ...params, top_features: 4 }));
  assert.equal(result.passed, false);
  const failed = result.checks.filter((c) => c.status === "fail").map((c) => [c.name, c.threshold]);
  assert.deepEqual(failed, [
    ["min_auc", ">= 0.7"],
    ["beats_baseline", ">= 0.01"],
    ["calibration_ece", "<= 0.05"],
    ["not_worse_than_production", ">= -0.005"],
    ["score_psi_vs_production", "<= 0.25"],
  ]);
  const stability = result.checks.find((c) => c.name === "top_feature_stability");
  assert.equal(stability?.value, 0.5);
  assert.equal(stability?.status, "pass");
});

Deno.test("top-feature overlap counts production's top features kept by the candidate", () => {
  assert.equal(overlapShare(["a", "b", "c", "d"], ["d", "a", "q", "r"], 4), 0.5);
  assert.equal(overlapShare(["a", "b", "c"], ["c", "b", "a"], 2), 0.5);
  assert.equal(overlapShare(["a", "b"], ["c", "d", "a"], 2), 0);
});

Deno.test("gate params reject an AUC floor outside [0, 1]", () => {
  assert.equal(GateParams.safeParse({ min_auc: 1.5 }).success, false);
});

const FAIRNESS_INPUT = {
  candidateAuc: 0.75,
  baselineAuc: 0.72,
  candidateEce: 0.02,
  candidateTopFeatures: ["a"],
};
const lowestAt = (value: number) => ({
  attributes: ["CODE_GENDER", "age_band"],
  minGroupRows: 30,
  lowest: {
    value,
    attribute: "age_band",
    group: "0-24",
    cutoff: { approveUpTo: "medium", threshold: 0.12 },
  },
});

Deno.test("the adverse impact check is listed as off unless its floor is set", () => {
  const result = evaluateGate({ ...FAIRNESS_INPUT, fairness: lowestAt(0.1) }, params);
  const check = result.checks.find((c) => c.name === "min_adverse_impact_ratio");
  assert.deepEqual(check, {
    name: "min_adverse_impact_ratio",
    value: null,
    threshold: "-",
    status: "skipped",
    detail: "off (gate.min_adverse_impact_ratio is not set)",
  });
  assert.equal(result.passed, true);
});

Deno.test("the adverse impact check fails below its floor and passes at or above it", () => {
  const gate = GateParams.parse({ ...params, min_adverse_impact_ratio: 0.8 });
  const low = evaluateGate({ ...FAIRNESS_INPUT, fairness: lowestAt(0.75) }, gate);
  const check = low.checks.find((c) => c.name === "min_adverse_impact_ratio")!;
  assert.deepEqual([check.value, check.threshold, check.status], [0.75, ">= 0.8", "fail"]);
  assert.equal(
    check.detail,
    'lowest adverse impact ratio: age_band = 0-24, approving up to tier "medium" (p < 0.12)',
  );
  assert.equal(low.passed, false);
  for (const value of [0.8, 0.93]) {
    const ok = evaluateGate({ ...FAIRNESS_INPUT, fairness: lowestAt(value) }, gate);
    assert.equal(ok.checks.find((c) => c.name === "min_adverse_impact_ratio")?.status, "pass");
    assert.equal(ok.passed, true);
  }
});

Deno.test("the adverse impact check fails with nothing protected and skips with nothing judged", () => {
  const gate = GateParams.parse({ ...params, min_adverse_impact_ratio: 0.8 });
  const none = evaluateGate(FAIRNESS_INPUT, gate).checks.at(-1)!;
  assert.deepEqual([none.status, none.detail], [
    "fail",
    "no protected attribute was evaluated (governance.protected is empty)",
  ]);
  const small = evaluateGate({
    ...FAIRNESS_INPUT,
    fairness: { ...lowestAt(1), lowest: null },
  }, gate).checks.at(-1)!;
  assert.equal(small.status, "skipped");
  assert.match(small.detail, /no group of CODE_GENDER, age_band has 30 test rows/);
});
