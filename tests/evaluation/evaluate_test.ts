import assert from "node:assert/strict";
import { alignFeatures, evaluateCandidate } from "../../lib/evaluation/evaluate.ts";
import { GateParams } from "../../lib/evaluation/gate.ts";
import { makeSyntheticDataset } from "../../lib/model/gbdt/synthetic.ts";
import { trainGbdt } from "../../lib/model/gbdt/mod.ts";
import { fitLogistic } from "../../lib/model/logistic/mod.ts";
import { globalImportance } from "../../lib/model/shap/mod.ts";
import { takeRows } from "../../lib/model/dataset.ts";

const train = makeSyntheticDataset({ rows: 2000, features: 8, seed: 1 });
const test = makeSyntheticDataset({ rows: 800, features: 8, seed: 2 });
const gbdt = await trainGbdt(train, { n_rounds: 30, max_depth: 3 });
const baseline = fitLogistic(train, {});
const gate = GateParams.parse({ min_auc: 0.6 });

Deno.test("evaluation against itself as production passes every production check", () => {
  const result = evaluateCandidate(test, gbdt, baseline, {
    gate,
    production: { version: "v0001", model: gbdt },
    shapRows: 200,
  });
  const byName = Object.fromEntries(result.gate.checks.map((c) => [c.name, c]));
  assert.equal(byName.not_worse_than_production.value, 0);
  assert.equal(byName.score_psi_vs_production.value, 0);
  assert.equal(byName.top_feature_stability.value, 1);
  assert.equal(result.production?.rocAuc, result.gbdt.rocAuc);
  assert.equal(result.importance.length, 8);
  assert.equal(result.scores.gbdt.length, 800);
});

Deno.test("without production the production checks are skipped", () => {
  const result = evaluateCandidate(test, gbdt, baseline, { gate, shapRows: 100 });
  const skipped = result.gate.checks.filter((c) => c.status === "skipped").map((c) => c.name);
  assert.deepEqual(skipped, [
    "not_worse_than_production",
    "score_psi_vs_production",
    "top_feature_stability",
    "min_adverse_impact_ratio",
  ]);
  assert.equal(result.production, undefined);
});

Deno.test("a production model with other features is scored by name, absent ones missing", () => {
  const renamed = {
    ...gbdt,
    features: [...gbdt.features.slice(1), { name: "gone", type: "numeric" as const }],
  };
  const aligned = alignFeatures(test, renamed);
  assert.equal(aligned.columns[0], test.columns[1]);
  assert.ok(aligned.columns[7].every((v) => Number.isNaN(v)));
});

Deno.test("the report data covers every model's curves, the KS curve, tiers and the SHAP sample", () => {
  const result = evaluateCandidate(test, gbdt, baseline, {
    gate,
    production: { version: "v0001", model: gbdt },
    shapRows: 150,
  });
  assert.deepEqual(result.curves.map((c) => c.model), ["gbdt", "baseline", "v0001"]);
  assert.deepEqual(result.curves[0].roc.tpr, result.curves[2].roc.tpr);
  assert.equal(result.labels, test.label);
  assert.equal(result.ks.difference.length, result.ks.thresholds.length);
  assert.equal(Math.max(...result.ks.difference), result.gbdt.ks);
  assert.equal(result.baselineGains.length, 10);
  assert.equal(result.tiers.reduce((n, t) => n + t.rows, 0), 800);
  assert.equal(result.shapSample.rows.length, 150);
  assert.equal(result.shapSample.batch.shap.length, 8);
  assert.equal(result.shapSample.values[3][7], test.columns[3][result.shapSample.rows[7]]);
});

Deno.test("importance from the SHAP sample ranks features as globalImportance does", () => {
  const result = evaluateCandidate(test, gbdt, baseline, { gate, shapRows: 120, seed: 3 });
  const sampled = takeRows(test, result.shapSample.rows);
  assert.deepEqual(result.importance, globalImportance(gbdt, sampled));
});
