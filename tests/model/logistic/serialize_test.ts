import assert from "node:assert/strict";
import {
  fitLogistic,
  logisticFromJson,
  logisticToJson,
  predictLogisticProba,
} from "../../../lib/model/logistic/mod.ts";
import { tinyDataset } from "./fixtures.ts";

Deno.test("a saved model loads back equal and scores identically", async () => {
  const data = tinyDataset();
  const model = fitLogistic(data, { l2: 0.5 });
  const dir = await Deno.makeTempDir();
  const path = `${dir}/baseline.json`;
  await Deno.writeTextFile(path, logisticToJson(model));
  const loaded = logisticFromJson(await Deno.readTextFile(path));
  await Deno.remove(dir, { recursive: true });
  assert.deepEqual(loaded, model);
  assert.deepEqual(predictLogisticProba(loaded, data), predictLogisticProba(model, data));
});

Deno.test("loading refuses a model with a coefficient count that does not match", () => {
  const model = fitLogistic(tinyDataset(), { l2: 0.5 });
  const broken = { ...model, coefficients: model.coefficients.slice(1) };
  assert.throws(() => logisticFromJson(JSON.stringify(broken)), {
    message:
      "Cannot load logistic model: coefficients: Expected 5 coefficients, one per design column",
  });
});

Deno.test("loading refuses a design column with a non-positive scale", () => {
  const model = fitLogistic(tinyDataset(), { l2: 0.5 });
  const json = JSON.parse(logisticToJson(model));
  json.design[0].scale = 0;
  assert.throws(
    () => logisticFromJson(JSON.stringify(json)),
    (error: Error) =>
      error instanceof TypeError &&
      error.message.startsWith("Cannot load logistic model: design.0.scale: "),
  );
});
