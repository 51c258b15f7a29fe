/**
 * A version whose scorecard was chosen (`train.choose: scorecard`) is served, scored,
 * explained, described and drift-scored with that scorecard: the serving fixture's
 * applicants relabelled by a smooth truth, the candidate trained by trainCandidate and
 * registered beside the fixture's serving files, with every model file the stage writes.
 */
import assert from "node:assert/strict";
import { assertScoresById } from "../scoring/scored_file.ts";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { takeRows } from "../../lib/model/dataset.ts";
import { readDataset } from "../../lib/features/read_dataset.ts";
import {
  binOf,
  pointsTable,
  predictScorecard,
  scorecardMargin,
  scorecardToJson,
} from "../../lib/model/scorecard/mod.ts";
import { scorecardExpectedValue } from "../../lib/model/shap/mod.ts";
import {
  loadVerifiedVersion,
  productionVersion,
  promote,
  registerVersion,
} from "../../lib/registry/mod.ts";
import { trainCandidate } from "../../lib/training/candidate.ts";
import { CHOICE_FILE, MODEL_FILES } from "../../lib/training/choice.ts";
import { TrainParams } from "../../lib/training/params.ts";
import { createRng } from "../../lib/random/mod.ts";
import { servingFixture } from "../scoring/serving_fixture.ts";
import { scoreFile } from "../../lib/scoring/mod.ts";
import { loadProductionModel, scoreColumns } from "../../lib/drift/reference.ts";
import { harness } from "./harness.ts";

async function scorecardFixture() {
  const fixture = await servingFixture({ fresh: true });
  const data = await readDataset(
    join(fixture.root, "features", "feature_store.parquet"),
    fixture.manifest,
  );
  const c = data.columns[fixture.manifest.features.findIndex((f) => f.name === "EXT_SOURCES_MEAN")];
  const finite = c.filter((x) => !Number.isNaN(x));
  const mean = finite.reduce((a, b) => a + b, 0) / finite.length;
  const rng = createRng(19);
  const label = Float64Array.from({ length: data.rows }, (_, i) => {
    const logit = Number.isNaN(c[i]) ? 0 : -12 * (c[i] - mean);
    return rng.float() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  });
  const trainIndex = Array.from({ length: data.rows }, (_, i) => i).filter((i) => i % 5 !== 0);
  const train = takeRows({ ...data, label }, trainIndex);
  const candidate = await trainCandidate(
    { ...train, ids: Float64Array.from(trainIndex) },
    TrainParams.parse({
      choose: "scorecard",
      scorecard: { min_bin_share: 0.1, base_score: 500, pdo: 40 },
      cv_l2_grid: [10, 100],
      gbdt: { n_rounds: 8, max_depth: 2, early_stopping_rounds: 0 },
    }),
  );
  const current = await loadVerifiedVersion(
    fixture.registry,
    (await productionVersion(fixture.registry))!,
  );
  const dir = join(fixture.root, "scorecard-candidate");
  await Deno.mkdir(dir);
  const files: Record<string, string | Uint8Array> = {
    [MODEL_FILES.gbdt.model]: JSON.stringify(candidate.gbdt),
    [MODEL_FILES.gbdt.onnx]: candidate.gbdtOnnx,
    [MODEL_FILES.logistic.model]: JSON.stringify(candidate.baseline),
    [MODEL_FILES.logistic.onnx]: candidate.baselineOnnx,
    [MODEL_FILES.scorecard.model]: scorecardToJson(candidate.scorecard!),
    [MODEL_FILES.scorecard.onnx]: candidate.scorecardOnnx!,
    [CHOICE_FILE]: JSON.stringify(candidate.choice),
  };
  const artifacts: Record<string, string> = {};
  for (const name of Object.keys(current.artifacts)) artifacts[name] = join(current.dir, name);
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    if (typeof content === "string") await Deno.writeTextFile(path, content);
    else await Deno.writeFile(path, content);
    artifacts[name] = path;
  }
  const info = await registerVersion(fixture.registry, {
    artifacts,
    metrics: {},
    gatePassed: true,
    lineage: { model: candidate.choice },
  });
  await promote(fixture.registry, info.version, "Production");
  return { fixture, candidate, card: candidate.scorecard!, data };
}

const built = scorecardFixture();

Deno.test("train.choose: scorecard makes the scorecard the candidate, and says so", async () => {
  const { candidate } = await built;
  assert.equal(candidate.choice.kind, "scorecard");
  assert.match(candidate.choice.reason, /^chosen: scorecard, oof AUC .* \(train\.choose\)$/);
  assert.equal(candidate.scorecard!.scaling.baseScore, 500);
});

Deno.test("/predict of a scorecard version is predictScorecard to 1e-6, through its ONNX", async () => {
  const { fixture, card } = await built;
  await using h = await harness({}, Promise.resolve(fixture));
  const expected = predictScorecard(card, fixture.testData);
  for (let i = 0; i < 20; i++) {
    const response = await h.post("/predict", fixture.testRows[i]);
    assert.equal(response.status, 200);
    const body = await response.json();
    assert.ok(Math.abs(body.probability - expected[i]) <= 1e-6, `row ${i}`);
  }
  const batch = await (await h.post("/predict/batch", { rows: fixture.testRows })).json();
  batch.predictions.forEach((p: { probability: number }, i: number) => {
    assert.ok(Math.abs(p.probability - expected[i]) <= 1e-6, `batch row ${i}`);
  });
});

Deno.test("/explain of a scorecard version: contributions sum to the log-odds minus the base", async () => {
  const { fixture, card } = await built;
  await using h = await harness({}, Promise.resolve(fixture));
  const model = h.live.current()!;
  const base = scorecardExpectedValue(card);
  for (let i = 0; i < 10; i++) {
    const row = fixture.testRows[i];
    const body = await (await h.post("/explain", row)).json();
    assert.ok(Math.abs(body.baseline - 1 / (1 + Math.exp(-base))) < 1e-12);
    const values = model.featuresOf(row);
    const explained = model.explain(values);
    assert.equal(explained.expectedValue, base);
    const margin = scorecardMargin(card, values);
    assert.ok(
      Math.abs(explained.margin - margin) < 1e-9,
      `row ${i}: ${explained.margin} vs ${margin}`,
    );
    // Each reason is a card feature's margin in the row's bin: −(points − mean points) / factor.
    for (const c of [...explained.up, ...explained.down]) {
      const j = c.feature;
      const bin = binOf(card.binning[j], values[j]);
      const want = -(card.points[j][bin] - card.referencePoints[j]) / card.scaling.factor;
      assert.ok(card.included[j], `${c.name} is in the card`);
      assert.ok(Math.abs(c.shap - want) < 1e-12, `${c.name}: ${c.shap} vs ${want}`);
    }
    const top = body.reasons.up[0] ?? body.reasons.down[0];
    assert.equal(top.shap, (explained.up[0] ?? explained.down[0]).shap);
  }
});

Deno.test("/model of a scorecard version shows its points table, valid against the document", async () => {
  const { fixture, card, candidate } = await built;
  await using h = await harness({}, Promise.resolve(fixture));
  const body = await (await h.app.request("/model")).json();
  assert.equal(body.model.kind, "scorecard");
  assert.equal(body.model.reason, candidate.choice.reason);
  assert.equal(body.model.auc.scorecard, candidate.choice.auc.scorecard);
  assert.deepEqual(body.model.points, {
    baseScore: 500,
    baseOdds: 50,
    pdo: 40,
    table: JSON.parse(JSON.stringify(pointsTable(card))),
  });
  const doc = await (await h.app.request("/openapi.json")).json();
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema(doc, "openapi");
  const validate = ajv.getSchema("openapi#/components/schemas/ModelInfo")!;
  assert.ok(validate(body), JSON.stringify(validate.errors));
  // The schema holds the points: a row without its points fails.
  const broken = structuredClone(body);
  delete broken.model.points.table[0].points;
  assert.equal(validate(broken), false);
});

Deno.test("`score` scores and explains a scorecard version with its scorecard", async () => {
  const { fixture, card, data } = await built;
  const outputPath = join(fixture.root, "scores.parquet");
  const result = await scoreFile({
    inputPath: join(fixture.root, "raw", "application_train.parquet"),
    outputPath,
    registry: fixture.registry,
    explain: true,
  });
  assert.equal(result.scoredRows, data.rows);
  await assertScoresById(outputPath, data.ids, predictScorecard(card, data));
});

Deno.test("drift scores the reference with the scorecard of a scorecard version", async () => {
  const { fixture, card, data } = await built;
  const production = await loadProductionModel(fixture.registry);
  assert.equal(production?.model.format, "riskpipe.scorecard");
  const scores = scoreColumns(production!.model, fixture.manifest, data.columns);
  assert.deepEqual(scores, predictScorecard(card, data));
});

Deno.test("the scorecard fixture cleans up", async () => {
  await (await built).fixture.dispose();
});
