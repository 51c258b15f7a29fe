/**
 * Outlier detection through the real stages: train fits and checks the outlier model,
 * register carries outliers.json and outliers.onnx into the version, and the version
 * serves each row's outlier result, logs it and counts flagged rows in /metrics; a
 * version loaded without it serves as before.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { createApp } from "../../serve/app.ts";
import { loadVerifiedVersion } from "../../lib/registry/mod.ts";
import { createLiveModel, loadServingModel } from "../../lib/scoring/mod.ts";
import { outlierModelFromJson } from "../../lib/model/outlier/mod.ts";
import { memoryLog } from "../serve/harness.ts";
import { acceptRequestRow, scoreFile } from "../../lib/scoring/mod.ts";
import { openDuckDb, queryRows, quoteLiteral } from "../../lib/duckdb/mod.ts";
import { csvPipeline, lineAsJson } from "./csv_pipeline_fixture.ts";

Deno.test("train fits the outlier model, register carries it and the version flags odd rows", async (t) => {
  await using p = await csvPipeline(700);
  const candidate = join(p.root, "data/models/candidate");
  const model = outlierModelFromJson(
    await Deno.readTextFile(join(candidate, "outliers.json")),
  );

  await t.step("train wrote the outlier model over the model's features", async () => {
    const manifest = JSON.parse(await Deno.readTextFile(join(candidate, "manifest.json")));
    assert.deepEqual(
      model.features.map((f) => f.name),
      manifest.features.map((f: { name: string }) => f.name),
    );
    assert.equal(model.forest.trees.length, 100);
    assert.ok(model.trainingFlagRate > 0 && model.trainingFlagRate <= 0.01);
    assert.ok((await Deno.stat(join(candidate, "outliers.onnx"))).size > 0);
  });

  const record = await loadVerifiedVersion(p.registry, "v0001");
  await t.step("register carried both files into the version", () => {
    assert.ok("outliers.json" in record.artifacts && "outliers.onnx" in record.artifacts);
  });

  const rows = p.lines.slice(-200).map((line) => {
    const { defaulted: _, ...row } = lineAsJson(p.header, line);
    return row;
  });
  const serve = async (outliers: boolean) => {
    const live = createLiveModel({
      productionVersion: () => Promise.resolve("v0001"),
      load: (v) => loadServingModel(p.registry, v, { outliers }),
    });
    await live.reload();
    const log = memoryLog();
    const app = createApp({ model: live, logStore: log });
    const post = async (path: string, body: unknown) => {
      const res = await app.request(path, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      assert.equal(res.status, 200, path);
      return await res.json();
    };
    return { live, log, app, post };
  };

  await t.step("each scored row gets an outlier result, logged and counted", async () => {
    const s = await serve(true);
    try {
      const planted = rows.slice(0, 20).map((row) => ({ ...row, age: "190", income: "9000000" }));
      const batch = await s.post("/predict/batch", { rows: [...planted, ...rows.slice(20)] });
      const flags = batch.predictions.map((p: { outlier: { flag: boolean } }) => p.outlier.flag);
      assert.equal(flags.slice(0, 20).filter(Boolean).length, 20, "every planted row flagged");
      const ordinary = flags.slice(20).filter(Boolean).length;
      assert.ok(ordinary <= 12, `${ordinary} of 180 ordinary rows flagged`);
      const one = await s.post("/predict", rows[50]);
      assert.deepEqual(Object.keys(one.outlier), ["score", "distance", "flag"]);
      assert.ok(one.outlier.score > 0 && one.outlier.score < 1 && one.outlier.distance >= 0);
      const explained = await s.post("/explain", planted[0]);
      assert.equal(explained.outlier.flag, true);
      assert.deepEqual(s.log.records.at(-2)?.outlier, {
        score: one.outlier.score,
        flag: one.outlier.flag,
      });
      // A V2 features tensor is logged with its outlier results too.
      const model = s.live.current()!;
      const width = model.manifest.features.length;
      const vector = (raw: Record<string, unknown>) =>
        model.featuresOf(acceptRequestRow(model, raw).row);
      const matrix = [...vector(planted[1]), ...vector(rows[60])];
      await s.post("/v2/models/riskpipe/infer", {
        inputs: [{
          name: "features",
          shape: [2, width],
          datatype: "FP64",
          data: matrix.map((v) => Number.isNaN(v) ? null : v),
        }],
      });
      const v2 = s.log.records.slice(-2).map((r) => [r.endpoint, r.outlier?.flag]);
      assert.deepEqual(v2[0], ["/v2/infer:features", true]);
      const v2Flagged = v2.filter(([, flag]) => flag).length;
      const metrics = await (await s.app.request("/metrics")).text();
      const counted = Number(/^riskpipe_outliers_total (\d+)$/m.exec(metrics)?.[1]);
      assert.equal(counted, 20 + ordinary + Number(one.outlier.flag) + 1 + v2Flagged);
    } finally {
      await s.live.current()?.release();
    }
  });

  await t.step("score writes each row's outlier columns, planted rows flagged", async () => {
    const input = join(p.root, "score_input.csv");
    const planted = p.header.map((name) =>
      name === "age"
        ? "190"
        : name === "income"
        ? "9000000"
        : lineAsJson(p.header, p.lines[0])[name]
    ).join(",");
    await Deno.writeTextFile(
      input,
      [p.header.join(","), planted, ...p.lines.slice(-50)].join("\n"),
    );
    const output = join(p.root, "scores.parquet");
    const result = await scoreFile({ registry: p.registry, inputPath: input, outputPath: output });
    assert.equal(result.scoredRows, 51);
    const conn = await openDuckDb();
    try {
      const rows = await queryRows(
        conn,
        `select "row", outlier_score, outlier_distance, outlier_flag from read_parquet(${
          quoteLiteral(output)
        }) order by "row"`,
      );
      assert.equal(rows[0].outlier_flag, true);
      assert.ok(
        rows.every((r) => typeof r.outlier_score === "number" && r.outlier_distance !== null),
      );
      assert.ok(rows.filter((r) => r.outlier_flag).length <= 5);
    } finally {
      conn.closeSync();
    }
  });

  await t.step("loaded without its outlier model, the version serves as before", async () => {
    const s = await serve(false);
    try {
      const one = await s.post("/predict", rows[0]);
      assert.equal("outlier" in one, false);
      assert.equal(s.log.records[0].outlier, undefined);
    } finally {
      await s.live.current()?.release();
    }
  });
});
