import assert from "node:assert/strict";
import { makeSyntheticDataset } from "../../../lib/model/gbdt/synthetic.ts";
import { fitLogistic } from "../../../lib/model/logistic/fit.ts";
import { binOf } from "../../../lib/model/scorecard/bin_of.ts";
import {
  explainScorecard,
  fitScorecard,
  pointsTable,
  predictScorecard,
  resolveScorecardParams,
  scorecardFromJson,
  scorecardMargin,
  scorecardScore,
  scorecardToJson,
  scoreScorecard,
} from "../../../lib/model/scorecard/mod.ts";
import { HESSIAN_SAMPLE_ROWS } from "../../../lib/model/scorecard/woe_logistic.ts";
import type { Dataset } from "../../../lib/model/types.ts";

const data = makeSyntheticDataset({ rows: 5000, features: 12, seed: 8 });
const card = fitScorecard(data);
const rowOf = (d: Dataset, i: number) => d.columns.map((c) => c[i]);

Deno.test("each bin's points follow the scaling formula", () => {
  const { factor, offset } = card.scaling;
  assert.equal(factor, 20 / Math.LN2);
  assert.equal(offset, 600 - factor * Math.log(50));
  const n = card.included.filter(Boolean).length;
  card.binning.forEach((binning, j) => {
    binning.woe.forEach((woe, b) => {
      const expected = card.included[j]
        ? -(card.coefficients[j] * woe + card.intercept / n) * factor + offset / n
        : 0;
      assert.ok(Math.abs(card.points[j][b] - expected) < 1e-9);
    });
  });
});

Deno.test("a row's points sum to its score, offset − factor · log-odds, for every row", () => {
  const scores = scoreScorecard(card, data);
  const p = predictScorecard(card, data);
  for (let i = 0; i < data.rows; i++) {
    const row = rowOf(data, i);
    const margin = scorecardMargin(card, row);
    const expected = card.scaling.offset - card.scaling.factor * margin;
    assert.ok(Math.abs(scorecardScore(card, row) - expected) < 1e-9, `row ${i}`);
    assert.ok(Math.abs(scores[i] - expected) < 1e-9, `row ${i}`);
    assert.ok(Math.abs(p[i] - 1 / (1 + Math.exp(-margin))) < 1e-15, `row ${i}`);
  }
});

Deno.test("a score of base_score means odds of base_odds, and pdo points double them", () => {
  const { factor, offset } = card.scaling;
  const margin = (score: number) => (offset - score) / factor; // log-odds of bad
  assert.ok(Math.abs(Math.exp(-margin(600)) - 50) < 1e-9);
  assert.ok(Math.abs(Math.exp(-margin(620)) - 100) < 1e-9);
});

Deno.test("the explanation is exact: base plus contributions is the score, in points and log-odds", () => {
  for (let i = 0; i < 200; i++) {
    const row = rowOf(data, i);
    const explained = explainScorecard(card, row);
    const sum = explained.contributions.reduce((s, c) => s + c.contribution, 0);
    assert.ok(Math.abs(explained.base + sum - scorecardScore(card, row)) < 1e-9);
    const marginSum = explained.contributions.reduce((s, c) => s + c.margin, 0);
    assert.ok(Math.abs(explained.baseMargin + marginSum - scorecardMargin(card, row)) < 1e-9);
    assert.equal(explained.contributions.length, card.included.filter(Boolean).length);
  }
  // The reference is the training mean, so contributions average to zero over training.
  const mean = new Float64Array(card.features.length);
  for (let i = 0; i < data.rows; i++) {
    explainScorecard(card, rowOf(data, i)).contributions.forEach((c) => {
      mean[card.features.findIndex((f) => f.name === c.feature)] += c.contribution / data.rows;
    });
  }
  mean.forEach((m) => assert.ok(Math.abs(m) < 1e-9));
});

Deno.test("the points table lists every bin with its range or levels and matches the model", () => {
  const table = pointsTable(card);
  assert.equal(table.length, card.binning.reduce((s, b) => s + b.count.length, 0));
  const f0 = table.filter((r) => r.feature === "f0");
  assert.equal(f0[0].lower, null);
  assert.equal(f0[f0.length - 2].upper, null);
  assert.equal(f0[f0.length - 1].kind, "missing");
  for (let b = 1; b < f0.length - 1; b++) assert.equal(f0[b].lower, f0[b - 1].upper);
  const f4 = table.filter((r) => r.feature === "f4" && r.kind === "levels");
  assert.deepEqual(f4.flatMap((r) => r.levels).sort(), data.features[4].levels);
  for (const row of table) {
    const j = card.features.findIndex((f) => f.name === row.feature);
    assert.equal(row.points, card.points[j][row.bin]);
    assert.equal(row.woe, card.binning[j].woe[row.bin]);
    if (row.count > 0) assert.equal(row.badRate, row.bads / row.count);
  }
  assert.ok(JSON.parse(JSON.stringify(table)).length === table.length);
});

Deno.test("the WOE logistic fit with a sampled Hessian reaches the exact-Newton optimum", () => {
  const rows = HESSIAN_SAMPLE_ROWS + 3000;
  const big = makeSyntheticDataset({ rows, features: 8, seed: 4 });
  const fitted = fitScorecard(big, { l2: 0, min_iv: 0, tol: 1e-11 });
  const inModel = fitted.included.flatMap((x, j) => (x ? [j] : []));
  // The same WOE design as numeric columns, fitted by the logistic baseline (full Hessian).
  const woeData: Dataset = {
    features: inModel.map((j) => ({ name: big.features[j].name, type: "numeric" })),
    columns: inModel.map((j) =>
      big.columns[j].map((x) => fitted.binning[j].woe[binOf(fitted.binning[j], x)])
    ),
    rows,
    label: big.label,
  };
  const baseline = fitLogistic(woeData, { l2: 0, tol: 1e-11 });
  // Undo its standardisation: w = coef / scale, b = intercept − Σ coef · mean / scale.
  let intercept = baseline.intercept;
  baseline.design.forEach((column, k) => {
    if (column.kind !== "numeric") throw new Error("numeric design expected");
    const w = baseline.coefficients[k] / column.scale;
    assert.ok(Math.abs(fitted.coefficients[inModel[k]] - w) < 1e-6, woeData.features[k].name);
    intercept -= w * column.mean;
  });
  assert.ok(Math.abs(fitted.intercept - intercept) < 1e-6);
});

Deno.test("params are validated with a message naming the field", () => {
  assert.equal(resolveScorecardParams({}).pdo, 20);
  assert.throws(() => resolveScorecardParams({ pdo: 0 }), /Invalid scorecard params: pdo/);
  assert.throws(() => resolveScorecardParams({ bins: 3 }), /Invalid scorecard params/);
  assert.throws(
    () => fitScorecard({ ...data, label: undefined }),
    /Cannot fit scorecard: the dataset has no label/,
  );
});

Deno.test("a scorecard survives its JSON form, and a broken one is refused naming the field", () => {
  const loaded = scorecardFromJson(scorecardToJson(card));
  assert.deepEqual(loaded, card);
  const broken = JSON.parse(scorecardToJson(card));
  broken.binning[2].intervalBin.push(0);
  assert.throws(
    () => scorecardFromJson(JSON.stringify(broken)),
    /Cannot load scorecard: binning\.2\.intervalBin: Expected \d+ entries, one per interval/,
  );
});
