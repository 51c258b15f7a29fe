/**
 * A version whose GBDT carries a Platt map (train.calibration: platt), served end to
 * end: the ONNX graph applies the map, and /explain says that one follows the trees.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { harness } from "./harness.ts";
import { type ServingFixture, servingFixture } from "../scoring/serving_fixture.ts";
import { predictProba } from "../../lib/model/gbdt/predict.ts";
import { gbdtToOnnx } from "../../lib/model/onnx/mod.ts";
import { DEFAULT_TIERS } from "../../lib/tiers/mod.ts";
import type { GbdtModel } from "../../lib/model/types.ts";

async function calibratedFixture(): Promise<{ fixture: ServingFixture; model: GbdtModel }> {
  const fixture = await servingFixture({ fresh: true });
  const model: GbdtModel = {
    ...fixture.gbdt,
    calibration: { method: "platt", a: 0.7, b: -0.4, fittedOn: "validation fold (80 rows)" },
  };
  const candidate = join(fixture.root, "candidate");
  await Deno.writeTextFile(join(candidate, "model.json"), JSON.stringify(model));
  await Deno.writeFile(join(candidate, "model.onnx"), gbdtToOnnx(model));
  await fixture.registerAgain(DEFAULT_TIERS);
  return { fixture, model };
}

Deno.test("a calibrated version scores over HTTP as σ(a · margin + b) to 1e-6 and explains in log-odds", async () => {
  const { fixture, model } = await calibratedFixture();
  try {
    await using h = await harness({}, Promise.resolve(fixture));
    const expected = predictProba(model, fixture.testData);
    const uncalibrated = fixture.expected;
    const body = await (await h.post("/predict/batch", { rows: fixture.testRows })).json();
    let moved = 0;
    body.predictions.forEach((p: { probability: number }, i: number) => {
      assert.ok(Math.abs(p.probability - expected[i]) < 1e-6, `row ${i}`);
      moved = Math.max(moved, Math.abs(p.probability - uncalibrated[i]));
    });
    assert.ok(moved > 0.01, "the map changed the probabilities");
    const explained = await (await h.post("/explain", fixture.testRows[1])).json();
    assert.ok(Math.abs(explained.probability - expected[1]) < 1e-6);
    assert.match(
      explained.calibration,
      /^SHAP values are in the trees' log-odds; the probability is σ\(0\.7 · margin − 0\.4\)/,
    );
    const e = h.live.current()!.explain(Float64Array.from(fixture.testData.columns, (c) => c[1]));
    assert.ok(Math.abs(explained.baseline - e.baselineProbability) < 1e-12);
  } finally {
    await fixture.dispose();
  }
});
