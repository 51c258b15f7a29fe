import assert from "node:assert/strict";
import { join } from "node:path";
import {
  FLOAT32_MAX,
  predictProba,
  predictRowMargin,
  trainGbdt,
} from "../../../lib/model/gbdt/mod.ts";
import { gbdtToOnnx, openOnnxScorer, toRowMajorFloat32 } from "../../../lib/model/onnx/mod.ts";
import { treeShapBatch } from "../../../lib/model/shap/mod.ts";
import { ignoreWithoutPython, onnxFullCheck } from "../../python_oracle.ts";
import { withTempDir } from "../../temp_dir.ts";
import { monotoneFixture } from "./monotone_fixture.ts";

// The fixture's depth-4 model has a split that sends every value right and only the
// missing values left (threshold -FLOAT32_MAX), which the exports must carry too.
const { data, probes } = monotoneFixture();
const model = await trainGbdt(data, {
  max_bin: 32,
  max_depth: 4,
  learning_rate: 0.3,
  n_rounds: 30,
  monotone: { a: 1, b: -1 },
}, { workers: 0 });

Deno.test("the constrained fixture model has a missing-values-only split", () => {
  assert.ok(model.trees.some((tree) => tree.threshold.includes(-FLOAT32_MAX)));
});

Deno.test("a constrained model exported to ONNX scores like the TypeScript predictor", async () => {
  const scorer = await openOnnxScorer(gbdtToOnnx(model), data.columns.length);
  for (const rows of [data, probes]) {
    const onnx = await scorer.score(toRowMajorFloat32(rows.columns, rows.rows), rows.rows);
    const ours = predictProba(model, rows);
    ours.forEach((p, i) =>
      assert.ok(Math.abs(p - onnx[i]) <= 1e-6, `row ${i}: ${p} vs ${onnx[i]}`)
    );
  }
  await scorer.release();
});

Deno.test("TreeSHAP values of a constrained model add up to its margin", () => {
  const batch = treeShapBatch(model, probes);
  const row = new Float64Array(probes.columns.length);
  for (let i = 0; i < probes.rows; i++) {
    let total = batch.expectedValue;
    probes.columns.forEach((column, j) => {
      row[j] = column[i];
      total += batch.shap[j][i];
    });
    const margin = predictRowMargin(model, row);
    assert.ok(Math.abs(total - margin) < 1e-9, `row ${i}: ${total} vs ${margin}`);
  }
});

const CHECKER = "a constrained model's ONNX export passes onnx.checker with full_check";

Deno.test({
  name: CHECKER,
  ignore: await ignoreWithoutPython(CHECKER, ["onnx"]),
  async fn() {
    await withTempDir(async (dir) => {
      const path = join(dir, "model.onnx");
      await Deno.writeFile(path, gbdtToOnnx(model));
      assert.equal(await onnxFullCheck([path]), `${path} ok`);
    });
  },
});
