import assert from "node:assert/strict";
import { join } from "node:path";
import { trainCandidate } from "../../../lib/training/candidate.ts";
import { TrainParams } from "../../../lib/training/params.ts";
import { makeSyntheticDataset } from "../../../lib/model/gbdt/synthetic.ts";
import { withTempDir } from "../../temp_dir.ts";
import { ignoreWithoutPython, onnxFullCheck } from "../../python_oracle.ts";
import { gbdtToOnnx } from "../../../lib/model/onnx/tree_ensemble.ts";

const NAME =
  "the three exported models of a seeded candidate, and the GBDT with a Platt map, pass onnx.checker with full_check";

Deno.test({
  name: NAME,
  ignore: await ignoreWithoutPython(NAME, ["onnx"]),
  async fn() {
    const rows = 1200;
    const data = makeSyntheticDataset({ rows, features: 10, seed: 3 });
    const params = TrainParams.parse({
      gbdt: { n_rounds: 20, max_depth: 3, early_stopping_rounds: 5 },
      baseline: { l2: 1 },
    });
    const candidate = await trainCandidate(
      { ...data, ids: Float64Array.from({ length: rows }, (_, i) => i + 1) },
      params,
    );
    assert.ok(candidate.baseline.design.some((c) => c.kind === "level"), "levels in the design");
    assert.ok(candidate.baseline.design.some((c) => c.kind === "numeric"), "numerics too");
    assert.ok(candidate.metrics.onnx_gbdt_max_abs_diff <= 1e-6);
    assert.ok(candidate.metrics.onnx_baseline_max_abs_diff <= 1e-6);
    assert.ok(candidate.metrics.onnx_scorecard_max_abs_diff <= 1e-6);
    await withTempDir(async (dir) => {
      const model = join(dir, "model.onnx");
      const baseline = join(dir, "baseline.onnx");
      await Deno.writeFile(model, candidate.gbdtOnnx);
      await Deno.writeFile(baseline, candidate.baselineOnnx);
      const scorecard = join(dir, "scorecard.onnx");
      await Deno.writeFile(scorecard, candidate.scorecardOnnx!);
      const platt = join(dir, "model_platt.onnx");
      await Deno.writeFile(
        platt,
        gbdtToOnnx({
          ...candidate.gbdt,
          calibration: { method: "platt", a: 0.9, b: -0.2, fittedOn: "test" },
        }),
      );
      const report = await onnxFullCheck([model, baseline, scorecard, platt]);
      assert.equal(report, `${model} ok\n${baseline} ok\n${scorecard} ok\n${platt} ok`);
    });
  },
});
