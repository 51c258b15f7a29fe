import assert from "node:assert/strict";
import { treeShap } from "../../../lib/model/shap/mod.ts";
import { importXgboostJson } from "../../../lib/model/xgboost/mod.ts";

// XGBoost 1.7.4's own pred_contribs on 60 rows with missing values, written by
// tests/fixtures/xgboost/make_fixture.py (15 trees of depth 3 over 6 features).
const fixtures = new URL("../../fixtures/xgboost/", import.meta.url);
const model = importXgboostJson(await Deno.readTextFile(new URL("model.json", fixtures)));
const expected: { rows: (number | null)[][]; contributions: number[][] } = JSON.parse(
  await Deno.readTextFile(new URL("expected.json", fixtures)),
);
const rows = expected.rows.map((row) => row.map((v) => v ?? NaN));

// XGBoost accumulates contributions in float32 (largest gap seen: 6.1e-7), hence the tolerance.
const TOLERANCE = 2e-6;

Deno.test("TreeSHAP equals XGBoost's pred_contribs on an imported model", () => {
  rows.forEach((row, i) => {
    const { shap } = treeShap(model, row);
    shap.forEach((value, j) => {
      const oracle = expected.contributions[i][j];
      assert.ok(
        Math.abs(value - oracle) < TOLERANCE,
        `row ${i} feature ${j}: ${value} vs ${oracle}`,
      );
    });
  });
});

Deno.test("the expected value equals XGBoost's bias contribution", () => {
  const { expectedValue } = treeShap(model, rows[0]);
  const bias = expected.contributions[0][model.features.length];
  assert.ok(Math.abs(expectedValue - bias) < TOLERANCE, `${expectedValue} vs ${bias}`);
});
