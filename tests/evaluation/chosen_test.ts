import assert from "node:assert/strict";
import { evaluateCandidate } from "../../lib/evaluation/evaluate.ts";
import { renderEvaluationReport } from "../../lib/evaluation/report/mod.ts";
import { GateParams } from "../../lib/evaluation/gate.ts";
import { trainGbdt } from "../../lib/model/gbdt/mod.ts";
import { fitLogistic } from "../../lib/model/logistic/mod.ts";
import { gainsTable, summariseBinary } from "../../lib/model/metrics/mod.ts";
import { predictLogisticProba } from "../../lib/model/logistic/mod.ts";
import { truthDataset } from "../training/fixtures.ts";
import {
  fitScorecard,
  pointsTable,
  predictScorecard,
  scorecardMargin,
} from "../../lib/model/scorecard/mod.ts";

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

const card = fitScorecard(train, { min_iv: 0 });
const cardChoice = {
  kind: "scorecard" as const,
  reason: "chosen: scorecard, oof AUC 0.8000 vs logistic 0.7990, gbdt 0.7000",
};

Deno.test("a chosen scorecard is the candidate, with every model's metrics beside it", () => {
  const result = evaluateCandidate(test, gbdt, baseline, {
    gate,
    choice: cardChoice,
    scorecard: card,
    shapRows: 200,
  });
  const p = predictScorecard(card, test);
  assert.deepEqual(result.candidate, summariseBinary(p, test.label!));
  assert.deepEqual(result.scorecard, result.candidate);
  assert.deepEqual(result.scores.scorecard, p);
  assert.equal(
    result.gate.checks.find((c) => c.name === "min_auc")?.value,
    result.candidate.rocAuc,
  );
  assert.deepEqual(result.curves.map((c) => c.model), ["gbdt", "baseline", "scorecard"]);
  assert.deepEqual(result.points?.table, pointsTable(card));
  // SHAP from the points: baseline plus a row's values is its log-odds.
  const row = result.shapSample.rows[0];
  let margin = result.shapSample.batch.expectedValue;
  for (const column of result.shapSample.batch.shap) margin += column[0];
  const values = test.columns.map((c) => c[row]);
  assert.ok(Math.abs(margin - scorecardMargin(card, values)) < 1e-9);
});

Deno.test("a chosen scorecard with no scorecard given is refused", () => {
  assert.throws(
    () => evaluateCandidate(test, gbdt, baseline, { gate, choice: cardChoice, shapRows: 50 }),
    { message: "Cannot evaluate: train chose the scorecard but no scorecard was given" },
  );
});

Deno.test("a scorecard production version is scored and ranked with its own points", () => {
  const result = evaluateCandidate(test, gbdt, baseline, {
    gate,
    choice: cardChoice,
    scorecard: card,
    production: { version: "v0002", model: card },
    shapRows: 200,
  });
  assert.equal(result.production?.rocAuc, result.candidate.rocAuc);
  const byName = Object.fromEntries(result.gate.checks.map((c) => [c.name, c]));
  assert.equal(byName.score_psi_vs_production.value, 0);
  assert.equal(byName.top_feature_stability.value, 1);
});

Deno.test("the report of a scorecard candidate shows its metrics and its points table", () => {
  const result = evaluateCandidate(test, gbdt, baseline, {
    gate,
    choice: cardChoice,
    scorecard: card,
    shapRows: 100,
  });
  const html = renderEvaluationReport(result, {
    params: {},
    dataHashes: {},
    generatedAt: "2026-01-01T00:00:00Z",
  });
  assert.match(html, /Candidate scorecard against the logistic baseline and the GBDT/);
  assert.match(html, /Scorecard \(candidate\)/);
  assert.match(html, /<h2[^>]*>Scorecard points<\/h2>/);
  assert.match(html, /600 points at good:bad odds of 50:1, 20 more points double the odds/);
  const top = pointsTable(card).filter((r) => r.included).sort((a, b) => b.iv - a.iv)[0];
  assert.ok(html.includes(`<td>${top.feature}</td>`), top.feature);
  // Without a scorecard there is no points section.
  const plain = renderEvaluationReport(
    evaluateCandidate(test, gbdt, baseline, { gate, choice, shapRows: 100 }),
    { params: {}, dataHashes: {}, generatedAt: "2026-01-01T00:00:00Z" },
  );
  assert.doesNotMatch(plain, /Scorecard points/);
});
