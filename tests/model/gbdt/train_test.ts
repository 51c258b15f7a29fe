import assert from "node:assert/strict";
import { defaultWorkerCount, type RoundInfo, trainGbdt } from "../../../lib/model/gbdt/train.ts";
import { predictMargin } from "../../../lib/model/gbdt/predict.ts";
import { marginLogLoss } from "../../../lib/model/gbdt/evaluation.ts";
import { rocAuc } from "../../../lib/model/metrics/mod.ts";
import { makeSyntheticDataset } from "../../../lib/model/gbdt/synthetic.ts";
import type { Dataset } from "../../../lib/model/types.ts";

function oneFeature(x: number[], y: number[]): Dataset {
  return {
    features: [{ name: "x", type: "numeric" }],
    columns: [Float64Array.from(x)],
    rows: x.length,
    label: Float64Array.from(y),
  };
}

const close = (actual: number, expected: number) =>
  assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} is not ${expected}`);

Deno.test("one round on a hand-made dataset grows the hand-computed stump", async () => {
  // p = 0.6 everywhere, so g = [0.6, 0.6, -0.4, -0.4, -0.4] and h = 0.24 per row.
  // Best: x < 2.5 with the missing row right: gain 1.2²/1.48 + 1.2²/1.72 - 0.
  const model = await trainGbdt(oneFeature([1, 2, 3, 4, NaN], [0, 0, 1, 1, 1]), {
    n_rounds: 1,
    max_depth: 1,
    learning_rate: 0.3,
    min_child_weight: 0,
  });
  close(model.baseMargin, Math.log(1.5));
  const [tree] = model.trees;
  assert.deepEqual(tree.feature, [0, -1, -1]);
  assert.deepEqual(tree.threshold, [2.5, 0, 0]);
  assert.deepEqual(tree.defaultLeft, [false, false, false]);
  assert.deepEqual([tree.left, tree.right], [[1, -1, -1], [2, -1, -1]]);
  close(tree.gain[0], 1.44 / 1.48 + 1.44 / 1.72);
  close(tree.value[1], (-1.2 / 1.48) * 0.3);
  close(tree.value[2], (1.2 / 1.72) * 0.3);
  tree.cover.forEach((c, i) => close(c, [1.2, 0.48, 0.72][i]));
});

Deno.test("missing values follow the learned default direction", async () => {
  const x = [1, 1, 2, 2, 8, 8, 9, 9, NaN, NaN];
  const lowLike = await trainGbdt(oneFeature(x, [0, 0, 0, 0, 1, 1, 1, 1, 0, 0]), {
    n_rounds: 1,
    max_depth: 1,
    min_child_weight: 0,
  });
  assert.deepEqual([lowLike.trees[0].threshold[0], lowLike.trees[0].defaultLeft[0]], [5, true]);
  const highLike = await trainGbdt(oneFeature(x, [0, 0, 0, 0, 1, 1, 1, 1, 1, 1]), {
    n_rounds: 1,
    max_depth: 1,
    min_child_weight: 0,
  });
  assert.deepEqual([highLike.trees[0].threshold[0], highLike.trees[0].defaultLeft[0]], [5, false]);
  const probe = oneFeature([1, NaN, 9], [0, 0, 0]);
  const low = predictMargin(lowLike, probe);
  const high = predictMargin(highLike, probe);
  assert.equal(low[1], low[0]);
  assert.equal(high[1], high[2]);
});

Deno.test("missingness alone can be split on, with missing values going right", async () => {
  const model = await trainGbdt(oneFeature([1, 2, 3, 4, NaN, NaN], [0, 0, 0, 0, 1, 1]), {
    n_rounds: 1,
    max_depth: 1,
    min_child_weight: 0,
  });
  const margin = predictMargin(model, oneFeature([-1e30, 1e30, NaN], [0, 0, 0]));
  assert.equal(margin[0], margin[1]);
  assert.ok(margin[2] > margin[0]);
});

const data = makeSyntheticDataset({ rows: 3000, features: 12, seed: 7 });

Deno.test("margins through the Tree format equal the margins tracked in training", async () => {
  for (const subsample of [1, 0.7]) {
    let trainLoss = NaN;
    const model = await trainGbdt(data, { n_rounds: 15, subsample, seed: 3 }, {
      onRound: (info) => (trainLoss = info.trainLoss),
    });
    assert.equal(marginLogLoss(data.label!, predictMargin(model, data)), trainLoss);
  }
});

Deno.test("a round's train loss is computed when read in its round, refused after it", async () => {
  const infos: RoundInfo[] = [];
  await trainGbdt(data, { n_rounds: 2, seed: 3 }, { onRound: (info) => infos.push(info) });
  assert.throws(() => infos[0].trainLoss, {
    message: "Cannot read trainLoss of round 1 after it: read it in onRound",
  });
});

Deno.test("the same seed gives the same model", async () => {
  const params = { n_rounds: 8, subsample: 0.8, colsample_bytree: 0.5, seed: 11 };
  assert.deepEqual(await trainGbdt(data, params), await trainGbdt(data, params));
});

Deno.test("subsample and colsample_bytree change the model, seeded", async () => {
  const full = await trainGbdt(data, { n_rounds: 5 });
  const rows = await trainGbdt(data, { n_rounds: 5, subsample: 0.6 });
  const columns = await trainGbdt(data, { n_rounds: 5, colsample_bytree: 0.5 });
  const otherSeed = await trainGbdt(data, { n_rounds: 5, subsample: 0.6, seed: 1 });
  assert.notDeepEqual(rows.trees, full.trees);
  assert.notDeepEqual(columns.trees, full.trees);
  assert.notDeepEqual(otherSeed.trees, rows.trees);
  const used = new Set(columns.trees[0].feature.filter((f) => f >= 0));
  assert.ok(used.size <= 6);
});

Deno.test("one, two or three threads build identical models", async () => {
  const params = { n_rounds: 6, subsample: 0.9, colsample_bytree: 0.8, seed: 2 };
  const alone = await trainGbdt(data, params, { workers: 0 });
  assert.deepEqual(await trainGbdt(data, params, { workers: 1 }), alone);
  assert.deepEqual(await trainGbdt(data, params, { workers: 2 }), alone);
  const leafwise = { ...params, grow_policy: "lossguide" as const, max_leaves: 12 };
  assert.deepEqual(
    await trainGbdt(data, leafwise, { workers: 2 }),
    await trainGbdt(data, leafwise, { workers: 0 }),
  );
});

Deno.test("features missing as a block train the same model on one, two or three threads", async () => {
  // Features 0..7 are all missing on 40% of the rows, so that group's rows are skipped.
  const blocky = makeSyntheticDataset({ rows: 3000, features: 12, seed: 5 });
  const columns = blocky.columns.map((column) => column.slice());
  for (let i = 0; i < blocky.rows; i++) {
    if ((i * 7919) % 10 < 4) { for (let f = 0; f < 8; f++) columns[f][i] = NaN; }
  }
  const data = { ...blocky, columns };
  const params = { n_rounds: 5, max_depth: 4, subsample: 0.8, seed: 3 };
  const alone = await trainGbdt(data, params, { workers: 0 });
  assert.deepEqual(await trainGbdt(data, params, { workers: 1 }), alone);
  assert.deepEqual(await trainGbdt(data, params, { workers: 2 }), alone);
  assert.ok(rocAuc(predictMargin(alone, data), data.label!) > 0.6);
});

Deno.test("leaf-wise growth stops at max_leaves", async () => {
  const model = await trainGbdt(data, {
    n_rounds: 3,
    grow_policy: "lossguide",
    max_leaves: 5,
    max_depth: 0,
  });
  for (const tree of model.trees) assert.equal(tree.feature.filter((f) => f < 0).length, 5);
});

Deno.test("depth-wise growth stops at max_depth", async () => {
  const model = await trainGbdt(data, { n_rounds: 2, max_depth: 2 });
  for (const tree of model.trees) {
    assert.equal(tree.feature.length, 7);
    assert.deepEqual(tree.feature.slice(3), [-1, -1, -1, -1]);
  }
});

Deno.test("early stopping keeps the trees of the best validation round", async () => {
  const train = makeSyntheticDataset({ rows: 600, features: 12, seed: 8 });
  const valid = makeSyntheticDataset({ rows: 600, features: 12, seed: 9 });
  const aucs: number[] = [];
  const model = await trainGbdt(
    train,
    { n_rounds: 300, learning_rate: 0.5, early_stopping_rounds: 5 },
    { valid, onRound: (info) => aucs.push(info.validAuc!) },
  );
  const best = aucs.indexOf(Math.max(...aucs)) + 1;
  assert.ok(aucs.length < 300);
  assert.equal(aucs.length, best + 5);
  assert.equal(model.bestIteration, best);
  assert.equal(model.trees.length, best);
  assert.equal(rocAuc(predictMargin(model, valid), valid.label!), aucs[best - 1]);
});

Deno.test("early stopping by logloss keeps the round with the lowest validation loss", async () => {
  const train = makeSyntheticDataset({ rows: 600, features: 12, seed: 8 });
  const valid = makeSyntheticDataset({ rows: 600, features: 12, seed: 9 });
  const losses: number[] = [];
  const model = await trainGbdt(
    train,
    { n_rounds: 300, learning_rate: 0.5, early_stopping_rounds: 5, eval_metric: "logloss" },
    { valid, onRound: (info) => losses.push(info.validLoss!) },
  );
  const best = losses.indexOf(Math.min(...losses)) + 1;
  assert.equal(losses.length, best + 5);
  assert.equal(model.trees.length, best);
  assert.equal(marginLogLoss(valid.label!, predictMargin(model, valid)), losses[best - 1]);
});

Deno.test("a known logistic signal is learned to a test AUC above 0.78", async () => {
  const train = makeSyntheticDataset({ rows: 5000, features: 20, seed: 1 });
  const test = makeSyntheticDataset({ rows: 5000, features: 20, seed: 2 });
  const model = await trainGbdt(train, { n_rounds: 50 });
  assert.ok(rocAuc(predictMargin(model, test), test.label!) > 0.78);
});

Deno.test("a label with one class is refused, naming the dataset", async () => {
  await assert.rejects(
    trainGbdt(oneFeature([1, 2], [1, 1]), {}),
    /Cannot train on train: the label has a single class/,
  );
});

Deno.test("rounds that sample no rows under lambda 0 add finite leaves", async () => {
  const tiny = makeSyntheticDataset({ rows: 20, features: 3, seed: 5 });
  const model = await trainGbdt(tiny, { n_rounds: 10, subsample: 0.05, lambda: 0 });
  for (const tree of model.trees) assert.ok(tree.value.every(Number.isFinite));
});

Deno.test("small data trains without workers by default", () => {
  assert.equal(defaultWorkerCount(1000, 50), 0);
});
