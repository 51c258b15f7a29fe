import assert from "node:assert/strict";
import { loadGbdtModel, parseGbdtModel, saveGbdtModel } from "../../../lib/model/gbdt/model_io.ts";
import { trainGbdt } from "../../../lib/model/gbdt/train.ts";
import { predictMargin } from "../../../lib/model/gbdt/predict.ts";
import { makeSyntheticDataset } from "../../../lib/model/gbdt/synthetic.ts";

const data = makeSyntheticDataset({ rows: 500, features: 6, seed: 4 });

Deno.test("a saved model loads back equal and predicts the same", async () => {
  const model = await trainGbdt(data, { n_rounds: 4 });
  const dir = await Deno.makeTempDir();
  try {
    await saveGbdtModel(`${dir}/model.json`, model);
    const loaded = await loadGbdtModel(`${dir}/model.json`);
    assert.deepEqual(loaded, model);
    assert.deepEqual(predictMargin(loaded, data), predictMargin(model, data));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("loading names the field that is wrong", async () => {
  const model = JSON.parse(JSON.stringify(await trainGbdt(data, { n_rounds: 1 })));
  model.trees[0].left[0] = 0;
  assert.throws(() => parseGbdtModel(model), /trees\.0\.left\.0: child 0 is not a later node/);
  model.trees[0].left.pop();
  assert.throws(() => parseGbdtModel(model), /trees\.0\.left: has \d+ entries/);
  assert.throws(() => parseGbdtModel({ ...model, formatVersion: 2 }), /formatVersion/);
});

Deno.test("a threshold that is not a float32 value is refused", async () => {
  const model = JSON.parse(JSON.stringify(await trainGbdt(data, { n_rounds: 1 })));
  model.trees[0].threshold[0] = 0.1;
  assert.throws(() => parseGbdtModel(model), /trees\.0\.threshold\.0: is not a float32 value/);
});
