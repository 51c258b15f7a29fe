import assert from "node:assert/strict";
import {
  buildValidationReport,
  gbdtModel,
  logisticModel,
  scorecardModel,
  validateCandidate,
  ValidationReport,
} from "../../../lib/evaluation/validation/mod.ts";
import { fitScorecard, pointsTable } from "../../../lib/model/scorecard/mod.ts";
import { ks } from "../../../lib/model/metrics/mod.ts";
import { validationFixture } from "./fixture.ts";

const fixture = await validationFixture("gbdt");
const report = validateCandidate(fixture);

Deno.test("the report follows its schema and survives a JSON round trip", () => {
  const parsed = ValidationReport.parse(JSON.parse(JSON.stringify(report)));
  assert.equal(parsed.formatVersion, 1);
  assert.equal(parsed.model.kind, "gbdt");
  assert.equal(parsed.rows.test, 600);
});

Deno.test("decile counts sum to the test rows and the decile KS approximates the exact KS", () => {
  const d = report.discrimination;
  assert.equal(d.deciles.reduce((s, r) => s + r.count, 0), fixture.test.rows);
  assert.equal(d.decileKs, Math.max(...d.deciles.map((r) => r.ks)));
  const exact = ks(fixture.evaluation.scores.candidate, fixture.evaluation.labels).statistic;
  assert.equal(d.ks, exact);
  assert.ok(d.decileKs <= exact + 1e-12 && exact - d.decileKs < 0.05, `${d.decileKs} vs ${exact}`);
  assert.ok(Math.abs(d.gini - (2 * d.auc - 1)) < 1e-12);
});

Deno.test("calibration deciles cover every test row and bracket their observed rate", () => {
  const deciles = report.calibration.deciles;
  assert.equal(deciles.reduce((s, r) => s + r.count, 0), fixture.test.rows);
  for (const d of deciles) {
    assert.ok(d.intervalLow <= d.observedRate && d.observedRate <= d.intervalHigh);
    assert.equal(
      d.withinInterval,
      d.meanPredicted >= d.intervalLow && d.meanPredicted <= d.intervalHigh,
    );
  }
});

Deno.test("the constrained GBDT has no monotonicity violation and the logistic model's signs agree", () => {
  const gbdt = report.monotonicity.filter((c) => c.model === "GBDT");
  assert.deepEqual(gbdt.map((c) => [c.feature, c.declared, c.violations]), [["f0", 1, 0], [
    "f1",
    -1,
    0,
  ]]);
  assert.ok(gbdt.every((c) => c.probes > 0 && c.agrees));
  const logistic = report.monotonicity.filter((c) => c.model === "logistic");
  assert.deepEqual(logistic.map((c) => [c.feature, c.effect, c.agrees]), [["f0", 1, true], [
    "f1",
    -1,
    true,
  ]]);
});

Deno.test("a declared direction the model contradicts is counted as violations", () => {
  const [check] = buildValidationReport({
    ...inputs(),
    monotone: { f0: -1 },
  }).monotonicity.filter((c) => c.model === "logistic");
  assert.equal(check.agrees, false);
  assert.equal(check.violations, check.probes);
});

Deno.test("without a scorecard the WOE table is fitted on the train split and there are no points", () => {
  assert.equal(report.woe.source, "fitted");
  assert.equal(report.woe.features.length, fixture.train.features.length);
  const f0 = report.woe.features.find((f) => f.feature === "f0")!;
  assert.equal(f0.bins.reduce((s, b) => s + b.count, 0), fixture.train.rows);
  assert.ok(f0.iv > 0.1, `f0 carries signal, IV ${f0.iv}`);
  assert.equal(report.points, null);
});

Deno.test("with a scorecard the WOE table and the points are the scorecard's", () => {
  const scorecard = fitScorecard(fixture.train);
  const withCard = validateCandidate({ ...fixture, scorecard });
  assert.equal(withCard.woe.source, "scorecard");
  assert.deepEqual(
    withCard.woe.features.map((f) => f.iv),
    scorecard.binning.map((b) => b.iv),
  );
  const included = pointsTable(scorecard).filter((r) => r.included);
  assert.deepEqual(withCard.points?.rows.map((r) => r.points), included.map((r) => r.points));
  assert.ok(withCard.monotonicity.some((c) => c.model === "scorecard"));
});

Deno.test("reason codes are null until a counter is plugged in, which gets the declined rows", () => {
  assert.equal(report.reasonCodes, null);
  let seen = 0;
  const withCodes = buildValidationReport({
    ...inputs(),
    reasonCodes: ({ data, contributions }) => {
      seen = data.rows;
      assert.equal(contributions.rows, data.rows);
      return { R01: data.rows };
    },
  });
  const declined = fixture.evaluation.scores.candidate.filter((p) => p >= 0.6).length;
  assert.ok(declined > 0);
  assert.equal(seen, declined);
  assert.deepEqual(withCodes.reasonCodes, {
    declinedBy: "tier high (p ≥ 0.6)",
    declinedRows: declined,
    counts: { R01: declined },
  });
});

Deno.test("adverse impact ratios and the gate are the evaluation's", () => {
  const attribute = fixture.evaluation.fairness!.attributes[0];
  assert.deepEqual(
    report.adverseImpact?.attributes[0].groups.map((g) => g.adverseImpactRatio),
    attribute.groups.map((g) => g.adverseImpactRatio),
  );
  assert.deepEqual(
    report.gate.checks.map((c) => [c.name, c.status]),
    fixture.evaluation.gate.checks.map((c) => [c.name, c.status]),
  );
});

function inputs() {
  const models = [gbdtModel(fixture.gbdt), logisticModel(fixture.baseline)];
  return {
    evaluation: fixture.evaluation,
    test: fixture.test,
    train: fixture.train,
    trainScores: models[0].predict(fixture.train),
    served: models[0],
    models,
    monotone: { f0: 1 as const, f1: -1 as const },
    tiers: fixture.tiers,
  };
}

// scorecardModel is exported for the stage; keep its contributions additive to the margin.
Deno.test("a scorecard's contributions add up to its log-odds", () => {
  const scorecard = fitScorecard(fixture.train);
  const model = scorecardModel(scorecard);
  const batch = model.contributions(fixture.test);
  const p = model.predict(fixture.test);
  for (let i = 0; i < 20; i++) {
    let margin = batch.expectedValue;
    for (const column of batch.shap) margin += column[i];
    assert.ok(Math.abs(1 / (1 + Math.exp(-margin)) - p[i]) < 1e-9);
  }
});
