/**
 * The scorecard through the real stages: a one-table CSV run with `train.choose:
 * scorecard`, so train writes the scorecard's files and choice.json names it, evaluate
 * puts its metrics beside the others' and its points table in the report, register
 * carries its files into the version, and the version serves it.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { createApp } from "../../serve/app.ts";
import { loadVerifiedVersion } from "../../lib/registry/mod.ts";
import { createLiveModel, loadServingModel } from "../../lib/scoring/mod.ts";
import { predictScorecard, scorecardFromJson } from "../../lib/model/scorecard/mod.ts";
import { gainsTable } from "../../lib/model/metrics/mod.ts";
import { readDataset } from "../../lib/features/read_dataset.ts";
import { readManifest } from "../../lib/features/manifest/mod.ts";
import { parseModelChoice } from "../../lib/training/choice.ts";
import { ignoreWithoutPython, onnxFullCheck } from "../python_oracle.ts";
import { memoryLog } from "../serve/harness.ts";
import { csvPipeline } from "./csv_pipeline_fixture.ts";

const ONNX_CHECK = "the candidate's scorecard.onnx passes onnx.checker with full_check";
const ignoreChecker = await ignoreWithoutPython(ONNX_CHECK, ["onnx"]);

Deno.test("train.choose: scorecard trains, evaluates, registers and serves the scorecard", async (t) => {
  await using p = await csvPipeline(700, { train: { choose: "scorecard" } });
  const candidate = join(p.root, "data/models/candidate");
  const choice = parseModelChoice(
    JSON.parse(await Deno.readTextFile(join(candidate, "choice.json"))),
    "choice.json",
  );
  const card = scorecardFromJson(await Deno.readTextFile(join(candidate, "scorecard.json")));

  await t.step("train wrote three models and chose the scorecard", async () => {
    assert.equal(choice.kind, "scorecard");
    assert.match(
      choice.reason,
      /^chosen: scorecard, oof AUC 0\.\d{4} vs logistic 0\.\d{4}, gbdt 0\.\d{4} \(train\.choose\)$/,
    );
    const metrics = JSON.parse(await Deno.readTextFile(join(candidate, "train_metrics.json")));
    assert.ok(metrics.onnx_scorecard_max_abs_diff <= 1e-6);
    assert.equal(metrics["oof.scorecard.rocAuc"], choice.auc.scorecard);
    assert.equal(metrics.chosen_scorecard, 1);
  });

  await t.step("evaluate judged the scorecard and reported its points", async () => {
    const reports = join(p.root, "reports/evaluation");
    const metrics = JSON.parse(await Deno.readTextFile(join(reports, "metrics.json")));
    assert.equal(metrics.candidate.kind, "scorecard");
    assert.equal(metrics.candidate.rocAuc, metrics.scorecard.rocAuc);
    assert.ok(metrics.gbdt.rocAuc > 0.5 && metrics.baseline.rocAuc > 0.5);
    const manifest = await readManifest(join(candidate, "manifest.json"));
    const test = await readDataset(join(p.root, "data/split/test.parquet"), manifest);
    const expected = predictScorecard(card, test);
    const gains = JSON.parse(await Deno.readTextFile(join(reports, "tables.json"))).gains;
    assert.deepEqual(gains, JSON.parse(JSON.stringify(gainsTable(expected, test.label!))));
    assert.ok(Math.abs(metrics.scorecard.brier - brier(expected, test.label!)) < 1e-12);
    const html = await Deno.readTextFile(join(reports, "index.html"));
    assert.match(html, /Scorecard points/);
    assert.match(html, /Scorecard \(candidate\)/);
  });

  await t.step("register carried the scorecard into the version, and it serves", async () => {
    const record = await loadVerifiedVersion(p.registry, "v0001");
    assert.ok("scorecard.json" in record.artifacts && "scorecard.onnx" in record.artifacts);
    assert.equal(record.metrics["test.scorecard_auc"], record.metrics["test.auc"]);
    const live = createLiveModel({
      productionVersion: () => Promise.resolve("v0001"),
      load: (v) => loadServingModel(p.registry, v),
    });
    await live.reload();
    const app = createApp({ model: live, logStore: memoryLog() });
    const body = await (await app.request("/model")).json();
    assert.equal(body.model.kind, "scorecard");
    assert.equal(
      body.model.points.table.length,
      card.binning.reduce((n, b) => n + b.count.length, 0),
    );
    await live.current()?.release();
  });

  await t.step({
    name: ONNX_CHECK,
    ignore: ignoreChecker,
    async fn() {
      const onnxPath = join(candidate, "scorecard.onnx");
      assert.equal(await onnxFullCheck([onnxPath]), `${onnxPath} ok`);
    },
  });
});

function brier(p: Float64Array, y: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += (p[i] - y[i]) ** 2;
  return sum / p.length;
}
