import assert from "node:assert/strict";
import fc from "fast-check";
import { join } from "node:path";
import { fitOutlierModel } from "../../lib/model/outlier/model.ts";
import type { OutlierScore } from "../../lib/model/outlier/types.ts";
import { OutlierParams } from "../../lib/model/outlier/params.ts";
import {
  OUTLIER_MODEL_FILE,
  OUTLIER_ONNX_FILE,
  outlierModelToJson,
} from "../../lib/model/outlier/serialize.ts";
import { outlierToOnnx } from "../../lib/model/onnx/outlier.ts";
import { makeSyntheticDataset } from "../../lib/model/gbdt/synthetic.ts";
import { loadServingOutliers, TYPESCRIPT_OUTLIER_ROWS } from "../../lib/scoring/outliers.ts";
import type { VersionInfo } from "../../lib/registry/mod.ts";
import { withTempDir } from "../temp_dir.ts";

const WIDTH = 17;
const train = makeSyntheticDataset({ rows: 2500, features: WIDTH, seed: 31, missingRate: 0.2 });
const model = fitOutlierModel(train, OutlierParams.parse({ n_trees: 50, sample_size: 128 }));

/** Row-major rows: every other one far out of range, some all missing. */
function rows(n: number): Float64Array {
  const data = makeSyntheticDataset({ rows: n, features: WIDTH, seed: 32, missingRate: 0.3 });
  const values = new Float64Array(n * WIDTH);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < WIDTH; j++) {
      const x = data.columns[j][i];
      values[i * WIDTH + j] = i % 7 === 3 ? NaN : i % 2 ? x : (j % 3 ? 1e5 : -1e5);
    }
  }
  return values;
}

Deno.test("a few rows scored in TypeScript match the same rows scored by onnxruntime", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(join(dir, OUTLIER_MODEL_FILE), outlierModelToJson(model));
    await Deno.writeFile(join(dir, OUTLIER_ONNX_FILE), outlierToOnnx(model));
    const record = {
      dir,
      artifacts: { [OUTLIER_MODEL_FILE]: {}, [OUTLIER_ONNX_FILE]: {} },
    } as unknown as VersionInfo;
    const serving = await loadServingOutliers(record, WIDTH);
    assert.ok(serving !== undefined);
    try {
      const n = Math.max(65, TYPESCRIPT_OUTLIER_ROWS + 1); // one onnxruntime run
      const values = rows(n);
      const batch = await serving.score(values, n);
      let flagged = 0;
      for (let i = 0; i < n; i++) {
        const row = values.subarray(i * WIDTH, (i + 1) * WIDTH);
        const one: OutlierScore = (await serving.score(row, 1))[0];
        const onnx = batch[i];
        assert.equal(one.flag, onnx.flag, `row ${i}: flag`);
        assert.ok(Math.abs(one.score - onnx.score) <= 1e-6, `row ${i}: score`);
        assert.ok(Math.abs(one.distance! - onnx.distance!) <= 1e-6, `row ${i}: distance`);
        if (one.flag) flagged++;
      }
      assert.ok(flagged >= 25, `${flagged} flagged`); // the far rows
      await assert.rejects(() => serving.score(values.subarray(0, WIDTH - 1), 1), RangeError);
    } finally {
      await serving.release();
    }
  });
});

/** A value: missing, far out of range, or ordinary. */
const value = fc.oneof(
  fc.constant(NaN),
  fc.double({ min: -1e5, max: 1e5, noNaN: true }),
  fc.double({ min: -3, max: 3, noNaN: true }),
);

Deno.test("random rows with missing values score alike in TypeScript and onnxruntime", async () => {
  await withTempDir(async (dir) => {
    await Deno.writeTextFile(join(dir, OUTLIER_MODEL_FILE), outlierModelToJson(model));
    await Deno.writeFile(join(dir, OUTLIER_ONNX_FILE), outlierToOnnx(model));
    const record = {
      dir,
      artifacts: { [OUTLIER_MODEL_FILE]: {}, [OUTLIER_ONNX_FILE]: {} },
    } as unknown as VersionInfo;
    const serving = await loadServingOutliers(record, WIDTH);
    assert.ok(serving !== undefined);
    const n = TYPESCRIPT_OUTLIER_ROWS + 1; // one onnxruntime run for the n rows
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(value, { minLength: n * WIDTH, maxLength: n * WIDTH }),
          async (list) => {
            // The graph takes float32: give both sides the same float32 values.
            const values = Float64Array.from(list, Math.fround);
            const batch = await serving.score(values, n);
            for (let i = 0; i < n; i++) {
              const row = values.subarray(i * WIDTH, (i + 1) * WIDTH);
              const one: OutlierScore = (await serving.score(row, 1))[0];
              assert.equal(one.flag, batch[i].flag, `row ${i}: flag`);
              assert.ok(Math.abs(one.score - batch[i].score) <= 1e-6, `row ${i}: score`);
              assert.ok(Math.abs(one.distance! - batch[i].distance!) <= 1e-6, `row ${i}: distance`);
            }
          },
        ),
        { seed: 9, numRuns: 200 },
      );
    } finally {
      await serving.release();
    }
  });
});
