import assert from "node:assert/strict";
import { join } from "node:path";
import { fitOutlierModel } from "../../../lib/model/outlier/model.ts";
import { OutlierParams } from "../../../lib/model/outlier/params.ts";
import { outlierToOnnx } from "../../../lib/model/onnx/outlier.ts";
import { outlierParity, trainOutliers } from "../../../lib/training/outliers.ts";
import { makeSyntheticDataset } from "../../../lib/model/gbdt/synthetic.ts";
import type { Dataset } from "../../../lib/model/types.ts";
import { withTempDir } from "../../temp_dir.ts";
import { ignoreWithoutPython, onnxFullCheck } from "../../python_oracle.ts";

const train = makeSyntheticDataset({ rows: 3000, features: 15, seed: 11, missingRate: 0.2 });
const params = OutlierParams.parse({ n_trees: 60, sample_size: 200 });

/** Rows far outside the training range and all-missing rows, where the graphs could part. */
function oddRows(): Dataset {
  const data = makeSyntheticDataset({ rows: 300, features: 15, seed: 12, missingRate: 0.5 });
  const columns = data.columns.map((c) => c.slice());
  for (let i = 0; i < 100; i++) for (const c of columns) c[i] = i % 2 ? 1e6 : -1e6;
  for (let i = 100; i < 150; i++) for (const c of columns) c[i] = NaN;
  return { ...data, columns };
}

Deno.test("onnxruntime scores the outlier graph as TypeScript does (≤ 1e-6)", async () => {
  const trained = await trainOutliers(train, params, 1e-6);
  assert.ok(trained !== undefined);
  assert.ok(trained.parity.score <= 1e-6, `score gap ${trained.parity.score}`);
  assert.ok(trained.parity.distance <= 1e-6, `distance gap ${trained.parity.distance}`);
  const odd = await outlierParity(trained.model, trained.onnx, oddRows());
  assert.ok(odd.score <= 1e-6 && odd.distance <= 1e-6, JSON.stringify(odd));
});

Deno.test("train.outliers.enabled: false trains no outlier model", async () => {
  assert.equal(await trainOutliers(train, { ...params, enabled: false }, 1e-6), undefined);
});

Deno.test("the parity check sees the gap to a graph of another forest", async () => {
  const model = fitOutlierModel(train, params);
  const other = fitOutlierModel(train, { ...params, seed: 99 });
  const gap = await outlierParity(model, outlierToOnnx(other), train);
  assert.ok(gap.score > 1e-3);
});

const NAME =
  "the outlier graph, with and without its Mahalanobis part, passes onnx.checker full_check";

Deno.test({
  name: NAME,
  ignore: await ignoreWithoutPython(NAME, ["onnx"]),
  async fn() {
    const model = fitOutlierModel(train, params);
    const { mahalanobis: _, ...forestOnly } = model;
    await withTempDir(async (dir) => {
      const full = join(dir, "outliers.onnx");
      const forest = join(dir, "forest_only.onnx");
      await Deno.writeFile(full, outlierToOnnx(model));
      await Deno.writeFile(
        forest,
        outlierToOnnx({ ...forestOnly, thresholds: { ...model.thresholds, distance: null } }),
      );
      const report = await onnxFullCheck([full, forest]);
      assert.equal(report, `${full} ok\n${forest} ok`);
    });
  },
});
