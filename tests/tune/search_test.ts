import assert from "node:assert/strict";
import { runSearch, type SearchResult } from "../../lib/tune/search.ts";
import { TuneParams } from "../../lib/tune/params.ts";
import { resolveGbdtParams } from "../../lib/model/gbdt/params.ts";
import { makeSyntheticDataset } from "../../lib/model/gbdt/synthetic.ts";

const data = makeSyntheticDataset({ rows: 400, features: 4, seed: 3 });
const base = resolveGbdtParams({ n_rounds: 18, early_stopping_rounds: 4 });

function tune(seed: number) {
  return TuneParams.parse({
    trials: 9,
    seed,
    folds: 3,
    space: {
      max_depth: [2, 3, 4],
      learning_rate: { min: 0.02, max: 0.5, log: true },
      subsample: { min: 0.5, max: 1 },
    },
    halving: { min_rounds: 2, eta: 3 },
  });
}

/** The table without the wall times, which no two runs share. */
function timeless(result: SearchResult) {
  return result.trials.map((row) => ({
    ...row,
    seconds: 0,
    rungs: row.rungs.map((rung) => ({ ...rung, seconds: 0 })),
  }));
}

Deno.test("the same seed gives the same trial table, one job or two", async () => {
  const one = await runSearch(data, { tune: tune(5), base, jobs: 1 });
  const again = await runSearch(data, { tune: tune(5), base, jobs: 1 });
  const two = await runSearch(data, { tune: tune(5), base, jobs: 2 });
  assert.deepEqual(timeless(again), timeless(one));
  assert.deepEqual(timeless(two), timeless(one));
  assert.equal(two.best, one.best);
  assert.deepEqual(one.rungs, [2, 6, 18]);
  assert.deepEqual(one.trials.map((row) => row.rungs.length).sort(), [1, 1, 1, 1, 1, 1, 2, 2, 3]);
});

Deno.test("another seed draws other trials", async () => {
  const a = await runSearch(data, { tune: tune(5), base });
  const b = await runSearch(data, { tune: tune(6), base });
  assert.notDeepEqual(a.trials.map((row) => row.params), b.trials.map((row) => row.params));
});

Deno.test("a trial whose folds stopped early is promoted with its result, not retrained", async () => {
  const quick = TuneParams.parse({
    trials: 4,
    seed: 1,
    folds: 3,
    space: { learning_rate: [0.9, 1] },
    halving: { min_rounds: 10, eta: 2 },
  });
  const result = await runSearch(data, {
    tune: quick,
    base: resolveGbdtParams({ n_rounds: 40, early_stopping_rounds: 2 }),
  });
  const reused = result.trials.flatMap((row) =>
    row.rungs.map((rung, k) => ({ rung, below: row.rungs[k - 1] })).filter(({ rung }) =>
      rung.reused
    )
  );
  assert.ok(reused.length > 0, "expected a trial that stopped early and was promoted");
  for (const { rung, below } of reused) {
    assert.ok(below.roundsTrained < below.rounds);
    assert.equal(rung.auc, below.auc);
    assert.equal(rung.seconds, 0);
  }
});
