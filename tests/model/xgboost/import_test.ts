import assert from "node:assert/strict";
import { importXgboostJson } from "../../../lib/model/xgboost/import.ts";
import { gbdtToOnnx } from "../../../lib/model/onnx/tree_ensemble.ts";
import { openOnnxScorer } from "../../../lib/model/onnx/session.ts";

const fixtures = new URL("../../fixtures/xgboost/", import.meta.url);
const modelText = await Deno.readTextFile(new URL("model.json", fixtures));
const expected: { rows: (number | null)[][]; margin: number[]; probability: number[] } = JSON
  .parse(await Deno.readTextFile(new URL("expected.json", fixtures)));

Deno.test("an imported XGBoost model keeps its trees, features and base score", () => {
  const model = importXgboostJson(modelText);
  assert.equal(model.trees.length, 15);
  assert.deepEqual(model.features.map((f) => f.name), ["f0", "f1", "f2", "f3", "f4", "f5"]);
  assert.equal(model.baseMargin, 0); // base_score 0.5 is log-odds 0
  assert.equal(model.trees[0].feature[0], 0);
  assert.equal(model.trees[0].defaultLeft[0], true);
});

Deno.test("an imported XGBoost model served through ONNX matches XGBoost's probabilities", async () => {
  const model = importXgboostJson(modelText);
  const width = model.features.length;
  const rows = new Float32Array(expected.rows.flatMap((row) => row.map((v) => v ?? NaN)));
  const scorer = await openOnnxScorer(gbdtToOnnx(model), width);
  const got = await scorer.score(rows, expected.rows.length);
  for (let i = 0; i < got.length; i++) {
    assert.ok(Math.abs(got[i] - expected.probability[i]) < 1e-6, `row ${i}`);
  }
  await scorer.release();
});

Deno.test("a model with another objective is refused with the objective named", () => {
  const raw = JSON.parse(modelText);
  raw.learner.objective.name = "reg:squarederror";
  assert.throws(() => importXgboostJson(raw), {
    message:
      'Cannot import XGBoost model: objective "reg:squarederror" is not supported: only binary:logistic',
  });
});

Deno.test("a malformed model names the missing field", () => {
  const raw = JSON.parse(modelText);
  delete raw.learner.learner_model_param.base_score;
  assert.throws(() => importXgboostJson(raw), /: learner\.learner_model_param\.base_score: /);
});
