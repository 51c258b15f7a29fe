import assert from "node:assert/strict";
import { fitOutlierModel, flagOf, scoreOutliers } from "../../../lib/model/outlier/model.ts";
import { OutlierParams } from "../../../lib/model/outlier/params.ts";
import { outlierModelFromJson, outlierModelToJson } from "../../../lib/model/outlier/serialize.ts";
import { makeSyntheticDataset } from "../../../lib/model/gbdt/synthetic.ts";
import type { Dataset } from "../../../lib/model/types.ts";
import { createRng } from "../../../lib/random/mod.ts";

const train = makeSyntheticDataset({ rows: 4000, features: 20, seed: 1 });
const params = OutlierParams.parse({ contamination: 0.02 });
const model = fitOutlierModel(train, params);

/** A window from the same distribution (another seed), its values copied. */
function window(seed: number): Dataset {
  const data = makeSyntheticDataset({ rows: 2000, features: 20, seed });
  return { ...data, columns: data.columns.map((c) => c.slice()) };
}

Deno.test("an unshifted window is flagged at about the contamination rate", () => {
  const flagged = scoreOutliers(model, window(2)).filter((s) => s.flag).length / 2000;
  assert.ok(model.trainingFlagRate > 0.01 && model.trainingFlagRate <= 0.02);
  assert.ok(flagged > 0.005 && flagged < 0.04, `flagged ${flagged}`);
});

Deno.test("applicants planted out of range in a window are found (recall ≥ 0.95)", () => {
  const data = window(3);
  const rng = createRng(4);
  const planted = new Set<number>();
  while (planted.size < 100) planted.add(rng.int(0, data.rows - 1));
  for (const i of planted) {
    // Two numeric features far outside the training range (normals: |x| < ~4.5).
    const [a, b] = [rng.int(0, 3), 5 + rng.int(0, 3)];
    data.columns[a][i] = 8 + 4 * rng.float();
    data.columns[b][i] = -8 - 4 * rng.float();
  }
  const scores = scoreOutliers(model, data);
  const found = [...planted].filter((i) => scores[i].flag).length;
  assert.ok(found >= 95, `found ${found} of 100`);
  const others = scores.filter((s, i) => s.flag && !planted.has(i)).length;
  assert.ok(others / (data.rows - 100) < 0.04, `flagged ${others} ordinary rows`);
  // Each detector scores them higher; the distance far more (measured: the isolation score
  // alone flags 25 of 100, two extreme features of 20 shorten few random paths).
  const meanOf = (pick: (i: number) => number, rows: number[]) =>
    rows.reduce((s, i) => s + pick(i), 0) / rows.length;
  const plantedRows = [...planted];
  const ordinary = [...Array(data.rows).keys()].filter((i) => !planted.has(i));
  assert.ok(
    meanOf((i) => scores[i].score, plantedRows) > meanOf((i) => scores[i].score, ordinary) + 0.03,
  );
  assert.ok(
    meanOf((i) => scores[i].distance!, plantedRows) >
      2 * meanOf((i) => scores[i].distance!, ordinary),
  );
});

Deno.test("the same params and data give the same model, byte for byte", () => {
  assert.equal(outlierModelToJson(fitOutlierModel(train, params)), outlierModelToJson(model));
  const other = fitOutlierModel(train, { ...params, seed: params.seed + 1 });
  assert.notEqual(outlierModelToJson(other), outlierModelToJson(model));
});

Deno.test("the saved model reads back equal, and a damaged one names the field", () => {
  assert.deepEqual(outlierModelFromJson(outlierModelToJson(model)), model);
  const broken = JSON.parse(outlierModelToJson(model));
  broken.thresholds.isolation = "high";
  assert.throws(
    () => outlierModelFromJson(JSON.stringify(broken)),
    /Cannot load outlier model: thresholds\.isolation: /,
  );
});

Deno.test("the Mahalanobis part covers the numeric features only, with shrinkage in [0, 1]", () => {
  const m = model.mahalanobis!;
  const numeric = train.features.flatMap((f, j) => (f.type === "numeric" ? [j] : []));
  assert.deepEqual(m.features, numeric);
  assert.ok(m.shrinkage >= 0 && m.shrinkage <= 1);
  assert.equal(m.whitening.length, numeric.length ** 2);
});

Deno.test("no numeric feature: the isolation forest alone, distance null", () => {
  const cats: Dataset = {
    features: [{ name: "c", type: "categorical", levels: ["a", "b", "c"] }],
    columns: [Float64Array.from({ length: 300 }, (_, i) => i % 3)],
    rows: 300,
  };
  const only = fitOutlierModel(cats, params);
  assert.equal(only.mahalanobis, undefined);
  assert.equal(only.thresholds.distance, null);
  assert.equal(scoreOutliers(only, cats)[0].distance, null);
});

Deno.test("a distance that is not a number (a value past float32's range) is flagged", () => {
  const limit = model.thresholds.distance!;
  assert.equal(flagOf(model, 0.3, NaN).flag, true);
  assert.equal(flagOf(model, 0.3, limit).flag, false);
  assert.equal(flagOf(model, 0.3, Infinity).flag, true);
});
