import assert from "node:assert/strict";
import { explainRow } from "../../../lib/model/shap/mod.ts";
import type { GbdtModel, Tree } from "../../../lib/model/types.ts";

/** A stump on `feature` at 0.5: left leaf `low`, right leaf `high`, equal covers. */
function stump(feature: number, low: number, high: number): Tree {
  return {
    feature: [feature, -1, -1],
    threshold: [0.5, 0, 0],
    defaultLeft: [true, false, false],
    left: [1, -1, -1],
    right: [2, -1, -1],
    value: [0, low, high],
    cover: [2, 1, 1],
    gain: [1, 0, 0],
  };
}

/** Stumps give each feature SHAP = ±half its leaf gap, so the ranking is known. */
const model: GbdtModel = {
  format: "riskpipe.gbdt",
  formatVersion: 1,
  objective: "binary:logistic",
  baseMargin: 0,
  features: [
    { name: "income", type: "numeric" },
    { name: "late_payments", type: "numeric" },
    { name: "housing", type: "categorical", levels: ["rent", "own"] },
    { name: "has_car", type: "boolean" },
    { name: "age", type: "numeric" },
    { name: "unused", type: "numeric" },
  ],
  trees: [
    stump(0, 0.4, -0.4),
    stump(1, -0.6, 0.6),
    stump(2, 0.2, -0.2),
    stump(3, -0.1, 0.1),
    stump(4, 0.8, -0.8),
  ],
  params: {},
};

Deno.test("explainRow lists the top features pushing risk up and down, largest first", () => {
  // income 0 → +0.4; late 2 → +0.6; housing rent → +0.2; has_car 1 → +0.1; age 60 → −0.8
  const explanation = explainRow(model, [0, 2, 0, 1, 60, 5]);
  assert.deepEqual(explanation.up.map((c) => [c.name, c.display]), [
    ["late_payments", "2"],
    ["income", "0"],
    ["housing", "rent"],
  ]);
  assert.deepEqual(explanation.down.map((c) => [c.name, c.shap]), [["age", -0.8]]);
});

Deno.test("explainRow writes a one-sentence summary with the risk and its reasons", () => {
  const explanation = explainRow(model, [0, 2, NaN, 1, 60, 5]);
  assert.equal(
    explanation.summary,
    "Estimated risk 62.2% against a baseline of 50.0%: raised most by late_payments = 2, " +
      "income = 0 and housing = missing; lowered most by age = 60.",
  );
});

Deno.test("explainRow margin and probability agree with the SHAP values", () => {
  const explanation = explainRow(model, [1, 0, 1, 0, 0.25, 5]);
  // income −0.4, late −0.6, housing own −0.2, no car −0.1, age +0.8 → margin −0.5
  assert.ok(Math.abs(explanation.margin - -0.5) < 1e-12);
  assert.ok(Math.abs(explanation.probability - 1 / (1 + Math.exp(0.5))) < 1e-12);
  assert.deepEqual(explanation.up.map((c) => c.name), ["age"]);
  assert.deepEqual(explanation.down.map((c) => [c.name, c.display]), [
    ["late_payments", "0"],
    ["income", "1"],
    ["housing", "own"],
  ]);
});

Deno.test("with a Platt map, SHAP stays in the trees' log-odds and the note says a map follows", () => {
  const calibrated: GbdtModel = {
    ...model,
    calibration: { method: "platt", a: 0.5, b: -1, fittedOn: "validation fold (300 rows)" },
  };
  const plain = explainRow(model, [1, 0, 1, 0, 0.25, 5]);
  const explanation = explainRow(calibrated, [1, 0, 1, 0, 0.25, 5]);
  assert.deepEqual(explanation.up, plain.up);
  assert.deepEqual(explanation.down, plain.down);
  assert.equal(explanation.margin, plain.margin);
  assert.ok(Math.abs(explanation.probability - 1 / (1 + Math.exp(1.25))) < 1e-12);
  assert.ok(Math.abs(explanation.baselineProbability - 1 / (1 + Math.exp(1))) < 1e-12);
  assert.equal(
    explanation.calibration,
    "SHAP values are in the trees' log-odds; the probability is σ(0.5 · margin − 1) " +
      "(Platt scaling, fitted on the validation fold (300 rows))",
  );
  assert.equal(plain.calibration, undefined);
  assert.match(explanation.summary, /^Estimated risk 22\.3% against a baseline of 26\.9%/);
});
