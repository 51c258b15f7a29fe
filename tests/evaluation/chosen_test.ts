import assert from "node:assert/strict";
import { evaluateCandidate } from "../../lib/evaluation/evaluate.ts";
import { renderEvaluationReport } from "../../lib/evaluation/report/mod.ts";
import { GateParams } from "../../lib/evaluation/gate.ts";
import { trainGbdt } from "../../lib/model/gbdt/mod.ts";
import { fitLogistic } from "../../lib/model/logistic/mod.ts";
import { gainsTable, summariseBinary } from "../../lib/model/metrics/mod.ts";
import { predictLogisticProba } from "../../lib/model/logistic/mod.ts";
import { truthDataset } from "../training/fixtures.ts";

const train = truthDataset("linear", 1200, 41);
const test = truthDataset("linear", 600, 42);
const gbdt = await trainGbdt(train, { n_rounds: 20, max_depth: 2 });
const baseline = fitLogistic(train, { l2: 1 });
const gate = GateParams.parse({ min_auc: 0.6 });
const choice = {
  kind: "logistic" as const,
  reason: "chosen: logistic, oof AUC 0.8000 vs gbdt 0.7000",
};

Deno.test("a chosen logistic model is the candidate the gate, gains and tiers judge", () => {
  const result = evaluateCandidate(test, gbdt, baseline, { gate, choice, shapRows: 200 });
  const p = predictLogisticProba(baseline, test);
  assert.deepEqual(result.candidate, summariseBinary(p, test.label!));
  assert.deepEqual(result.scores.candidate, p);
  assert.deepEqual(result.gains, gainsTable(p, test.label!));
  const auc = result.gate.checks.find((c) => c.name === "min_auc");
  assert.equal(auc?.value, result.baseline.rocAuc);
  assert.equal(result.chosen.kind, "logistic");
  // Linear SHAP ranks the features the truth weighs most: x0 (0.9), then x1 (−0.7).
  assert.deepEqual(result.importance.slice(0, 2).map((f) => f.name), ["x0", "x1"]);
});

Deno.test("a logistic production version is scored and ranked with its own model", () => {
  const result = evaluateCandidate(test, gbdt, baseline, {
    gate,
    choice,
    production: { version: "v0001", model: baseline },
    shapRows: 200,
  });
  assert.equal(result.production?.rocAuc, result.baseline.rocAuc);
  const byName = Object.fromEntries(result.gate.checks.map((c) => [c.name, c]));
  assert.equal(byName.score_psi_vs_production.value, 0);
  assert.equal(byName.top_feature_stability.value, 1);
});

Deno.test("the report names the chosen model and why", () => {
  const result = evaluateCandidate(test, gbdt, baseline, { gate, choice, shapRows: 100 });
  const html = renderEvaluationReport(result, {
    params: {},
    dataHashes: {},
    generatedAt: "2026-01-01T00:00:00Z",
  });
  assert.match(html, /Candidate logistic model against the GBDT/);
  assert.match(html, /chosen: logistic, oof AUC 0\.8000 vs gbdt 0\.7000/);
  assert.match(html, /Logistic \(candidate\)/);
  assert.doesNotMatch(html, /GBDT \(candidate\)/);
});
