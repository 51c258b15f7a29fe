/**
 * An XGBoost model trained at test time (Debian's python3-xgboost 1.7) on the serving
 * fixture's features, imported with the registry command and served: /predict, /explain
 * and `score` use it, and agree with XGBoost's own predictions and pred_contribs.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { main as registryMain } from "../../lib/cli/registry.ts";
import { loadServingModel } from "../../lib/scoring/mod.ts";
import { scoreFile } from "../../lib/scoring/mod.ts";
import { openDuckDb, queryRows, quoteLiteral } from "../../lib/duckdb/mod.ts";
import { servingFixture } from "../scoring/serving_fixture.ts";
import { harness } from "./harness.ts";
import { ignoreWithoutPython, runPython } from "../python_oracle.ts";

const NAME = "an imported XGBoost model is served, explained and scored as XGBoost predicts";

// Trains on the rows given, saves model.json, prints XGBoost's probabilities and
// pred_contribs for the probe rows (null = missing).
const TRAIN = `
import json, sys
import numpy as np
import xgboost as xgb
spec = json.load(open(sys.argv[1]))
as_array = lambda rows: np.array([[np.nan if v is None else v for v in r] for r in rows], dtype=float)
train = xgb.DMatrix(as_array(spec["train"]), label=spec["label"], feature_names=spec["names"])
params = {"objective": "binary:logistic", "max_depth": 3, "eta": 0.3, "tree_method": "hist",
          "seed": 0, "nthread": 1, "base_score": 0.3}
booster = xgb.train(params, train, num_boost_round=12)
booster.save_model(sys.argv[2])
probe = xgb.DMatrix(as_array(spec["probe"]), feature_names=spec["names"])
print(json.dumps({"probability": booster.predict(probe).astype(float).tolist(),
                  "contributions": booster.predict(probe, pred_contribs=True).astype(float).tolist()}))
`;

const toJson = (values: ArrayLike<number>) =>
  Array.from(values, (v) => (Number.isNaN(v) ? null : v));

Deno.test({
  name: NAME,
  ignore: await ignoreWithoutPython(NAME, ["xgboost"]),
  async fn() {
    const fixture = await servingFixture({ fresh: true });
    try {
      // XGBoost learns from the feature-store rows and is asked about exactly the vectors
      // the server builds from the raw rows, so the comparison is the model's alone.
      const base = await loadServingModel(fixture.registry, "v0001");
      const probe = fixture.testRows.map((row) => toJson(base.featuresOf(row)));
      await base.release();
      const { testData, manifest } = fixture;
      const train = Array.from(
        { length: testData.rows },
        (_, i) => toJson(testData.columns.map((column) => column[i])),
      );
      const label = Array.from(fixture.expected, (p, i) => (p > 0.08 || i % 7 === 0 ? 1 : 0));
      const spec = join(fixture.root, "xgboost_spec.json");
      const modelPath = join(fixture.root, "xgboost_model.json");
      const names = manifest.features.map((f) => f.name);
      await Deno.writeTextFile(spec, JSON.stringify({ names, train, label, probe }));
      const oracle: { probability: number[]; contributions: number[][] } = JSON.parse(
        await runPython(TRAIN, [spec, modelPath]),
      );

      const printed: string[] = [];
      const log = console.log;
      console.log = (...parts: unknown[]) => printed.push(parts.join(" "));
      try {
        assert.equal(
          await registryMain(["import-xgboost", modelPath, "--registry", fixture.registry]),
          0,
        );
        assert.equal(
          await registryMain([
            "promote",
            "v0002",
            "Production",
            "--force",
            "--registry",
            fixture.registry,
          ]),
          0,
        );
      } finally {
        console.log = log;
      }
      assert.match(
        printed[0],
        /^registered v0002 from .*xgboost_model\.json: 12 trees, manifest and serving artifacts of v0001/,
      );

      await using h = await harness({}, Promise.resolve(fixture));
      assert.equal(h.live.current()?.version, "v0002");
      const batch = await (await h.post("/predict/batch", { rows: fixture.testRows })).json();
      batch.predictions.forEach((p: { probability: number }, i: number) => {
        assert.ok(
          Math.abs(p.probability - oracle.probability[i]) <= 1e-6,
          `row ${i}: ${p.probability} vs XGBoost ${oracle.probability[i]}`,
        );
      });
      assert.equal(batch.modelVersion, "v0002");

      for (const i of [0, 1, 2, 3, 4]) {
        const body = await (await h.post("/explain", fixture.testRows[i])).json();
        assert.equal(body.modelVersion, "v0002");
        assert.ok(Math.abs(body.probability - oracle.probability[i]) <= 1e-6, `row ${i}`);
        const reasons = [...body.reasons.up, ...body.reasons.down];
        assert.ok(reasons.length > 0, `row ${i} has reasons`);
        for (const reason of reasons as { feature: string; shap: number }[]) {
          const want = oracle.contributions[i][names.indexOf(reason.feature)];
          assert.ok(
            Math.abs(reason.shap - want) <= 1e-6,
            `row ${i} ${reason.feature}: ${reason.shap} vs XGBoost ${want}`,
          );
        }
        const bias = oracle.contributions[i][names.length];
        assert.ok(Math.abs(body.baseline - 1 / (1 + Math.exp(-bias))) <= 1e-6, `row ${i} bias`);
      }

      // `score --version v0002` on the held-out applicants' raw rows.
      const ids = fixture.testRows.map((row) => Number(row.SK_ID_CURR));
      const input = join(fixture.root, "held_out.parquet");
      const output = join(fixture.root, "scores.parquet");
      const conn = await openDuckDb();
      try {
        const raw = quoteLiteral(join(fixture.root, "raw", "application_train.parquet"));
        await conn.run(
          `COPY (SELECT * FROM read_parquet(${raw}) WHERE SK_ID_CURR IN (${ids.join(", ")})) ` +
            `TO ${quoteLiteral(input)} (FORMAT parquet)`,
        );
        const result = await scoreFile({
          inputPath: input,
          outputPath: output,
          registry: fixture.registry,
          version: "v0002",
        });
        assert.equal(result.scoredRows, ids.length);
        const scores = await queryRows(
          conn,
          `SELECT SK_ID_CURR, score, model_version FROM read_parquet(${quoteLiteral(output)})`,
        );
        for (const row of scores) {
          const i = ids.indexOf(Number(row.SK_ID_CURR));
          assert.equal(row.model_version, "v0002");
          assert.ok(
            Math.abs(Number(row.score) - oracle.probability[i]) <= 1e-6,
            `score of ${row.SK_ID_CURR}: ${row.score} vs XGBoost ${oracle.probability[i]}`,
          );
        }
      } finally {
        conn.closeSync();
      }
    } finally {
      await fixture.dispose();
    }
  },
});
