import assert from "node:assert/strict";
import { type GbdtParams, predictMargin, trainGbdt } from "../../../lib/model/gbdt/mod.ts";
import { makeSyntheticDataset } from "../../../lib/model/gbdt/synthetic.ts";
import type { Dataset, GbdtModel } from "../../../lib/model/types.ts";
import { createRng } from "../../../lib/random/mod.ts";

// f0 and f3 push the label up (f3 only through 0.6·f3·f5, so its sign flips with f5),
// f1 pulls it down; f2 has missing values; f4 is categorical.
const data = makeSyntheticDataset({ rows: 3000, features: 12, seed: 7 });
const MONOTONE = { f0: 1, f1: -1, f2: 1, f3: 1 } as const;

/**
 * The largest step against the constraint's direction, over seeded random rows with one
 * constrained feature moved along a grid through every cut of it (others fixed).
 */
function worstViolation(model: GbdtModel, feature: number, direction: 1 | -1): number {
  const rng = createRng(feature + 100);
  const cuts = model.binning!.cuts[feature].filter((cut) => cut < 1e30);
  const grid = [-1e30, ...cuts.flatMap((cut) => [cut - 1e-4, cut]), 1e30]
    .sort((a, b) => a - b);
  const probeRows = 25;
  const columns = data.columns.map(() => new Float64Array(probeRows * grid.length));
  for (let r = 0; r < probeRows; r++) {
    const base = rng.int(0, data.rows - 1);
    grid.forEach((value, k) => {
      const at = r * grid.length + k;
      data.columns.forEach((column, j) => (columns[j][at] = j === feature ? value : column[base]));
    });
  }
  const probe: Dataset = { features: data.features, columns, rows: columns[0].length };
  const margin = predictMargin(model, probe);
  let worst = 0;
  for (let r = 0; r < probeRows; r++) {
    for (let k = 1; k < grid.length; k++) {
      const step = margin[r * grid.length + k] - margin[r * grid.length + k - 1];
      worst = Math.max(worst, -direction * step);
    }
  }
  return worst;
}

const GROWTHS: [string, Partial<GbdtParams>][] = [
  ["depth-wise", { max_depth: 5 }],
  ["leaf-wise", { grow_policy: "lossguide", max_leaves: 24, max_depth: 0 }],
];

for (const [growth, shape] of GROWTHS) {
  Deno.test(`predictions move with each constrained feature on random probes, ${growth}`, async () => {
    const params = { ...shape, n_rounds: 25, subsample: 0.8, colsample_bytree: 0.8, seed: 4 };
    const model = await trainGbdt(data, { ...params, monotone: MONOTONE }, { workers: 0 });
    for (const [name, direction] of Object.entries(MONOTONE)) {
      const j = data.features.findIndex((feature) => feature.name === name);
      assert.ok(model.trees.some((tree) => tree.feature.includes(j)), `${name} is split on`);
      assert.equal(worstViolation(model, j, direction), 0, `${name} (${direction})`);
    }
    // Unconstrained, f3 (whose effect changes sign with f5) is not monotone.
    const free = await trainGbdt(data, params, { workers: 0 });
    assert.ok(worstViolation(free, 3, 1) > 0.01);
  });
}

Deno.test("a constrained model is the same on one, two or three threads", async () => {
  const params = {
    n_rounds: 6,
    subsample: 0.9,
    colsample_bytree: 0.8,
    seed: 2,
    monotone: MONOTONE,
  };
  const alone = await trainGbdt(data, params, { workers: 0 });
  assert.deepEqual(await trainGbdt(data, params, { workers: 1 }), alone);
  assert.deepEqual(await trainGbdt(data, params, { workers: 2 }), alone);
  const leafwise = { ...params, grow_policy: "lossguide" as const, max_leaves: 12 };
  assert.deepEqual(
    await trainGbdt(data, leafwise, { workers: 2 }),
    await trainGbdt(data, leafwise, { workers: 0 }),
  );
});

Deno.test("a constraint that leaves no feature bounded changes nothing but the params", async () => {
  // Constraining f0 in the direction it already goes may still move weights through the
  // bounds; a constraint on a feature the trees never use must not.
  const narrow = makeSyntheticDataset({ rows: 800, features: 9, seed: 3 });
  const params = { n_rounds: 4, max_depth: 3, colsample_bytree: 0.5, seed: 1 };
  const free = await trainGbdt(narrow, params, { workers: 0 });
  const used = new Set(free.trees.flatMap((tree) => tree.feature));
  const unused = narrow.features.findIndex((f, j) => f.type !== "categorical" && !used.has(j));
  assert.ok(unused >= 0, "some numeric feature is never split on");
  const monotone = { [narrow.features[unused].name]: 1 as const };
  const constrained = await trainGbdt(narrow, { ...params, monotone }, { workers: 0 });
  assert.equal(constrained.trees.length, free.trees.length);
  constrained.trees.forEach((tree, t) => {
    assert.deepEqual(tree.feature, free.trees[t].feature);
    tree.value.forEach((v, k) => assert.ok(Math.abs(v - free.trees[t].value[k]) < 1e-12));
  });
});

Deno.test("a constraint on a categorical or unknown feature is refused, each named", async () => {
  await assert.rejects(
    () => trainGbdt(data, { n_rounds: 1, monotone: { f4: 1, f0: 1, nope: -1 } }),
    {
      name: "RangeError",
      message: 'Cannot train: invalid monotone constraint: "f4" is categorical, its codes have ' +
        'no order; "nope" is not a feature of the training data',
    },
  );
});

Deno.test("constraints naming none of the data's features say how to clear them", async () => {
  await assert.rejects(
    () => trainGbdt(data, { n_rounds: 1, monotone: { EXT_SOURCE_1: -1 } }),
    {
      name: "RangeError",
      message: 'Cannot train: invalid monotone constraint: "EXT_SOURCE_1" is not a feature of ' +
        "the training data (param train.gbdt.monotone names none of this data's features: " +
        "name its columns, or set it to {})",
    },
  );
});
