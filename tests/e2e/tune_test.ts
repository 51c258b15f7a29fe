/** `tune` through the experiments: the best params recorded, run, and applied by `exp apply`. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { applyExperiment, ExperimentError } from "../../lib/pipeline/experiments/mod.ts";
import { makeSyntheticDataset } from "../../lib/model/gbdt/synthetic.ts";
import { ParamsError } from "../../lib/pipeline/spec/param_issues.ts";
import { runTune } from "../../lib/tune/run.ts";
import { createExpFixture } from "./exp_fixture.ts";

const PIPELINE = `params:
  train:
    gbdt:
      max_depth: 4 # depth of each tree
      learning_rate: 0.1
      n_rounds: 12
      early_stopping_rounds: 3
  tune:
    trials: 4
    seed: 9
    folds: 3
    halving: { min_rounds: 3, eta: 2 }
    space:
      max_depth: [2, 3]
      learning_rate: { min: 0.05, max: 0.4, log: true }
stages:
  score:
    cmd: >-
      echo "$RISKPIPE_PARAMS" | sed -E 's/.*"max_depth":([0-9]+).*/{"depth": \\1}/' > metrics.json
    params: [train.gbdt.max_depth]
    metrics: [metrics.json]
`;

const data = makeSyntheticDataset({ rows: 300, features: 3, seed: 4 });
const quiet = { data, jobs: 1, reproJobs: 1, sink: () => {} };

Deno.test("the best params become an experiment that exp apply writes into pipeline.yaml", async () => {
  await using fx = await createExpFixture({ "pipeline.yaml": PIPELINE });
  await fx.repro();
  const outcome = await runTune(fx.root, quiet);
  assert.equal(outcome.experiment, "tune-9-best");
  const record = outcome.record!;
  assert.equal(record.status, "done", record.error);
  const best = outcome.result.trials[outcome.result.best].params;
  assert.deepEqual(
    record.setParams,
    [`train.gbdt.learning_rate=${best.learning_rate}`, `train.gbdt.max_depth=${best.max_depth}`],
  );
  assert.deepEqual(record.metrics, { "metrics.json": { depth: best.max_depth } });

  const trials = JSON.parse(await Deno.readTextFile(outcome.files.trials));
  assert.equal(trials.best.trial, outcome.result.best);
  assert.equal(trials.trials.length, 4);
  assert.deepEqual(trials.rungs, [3, 6, 12]);
  const page = await Deno.readTextFile(outcome.files.page);
  assert.equal(page.match(/<figure class="chart">/g)?.length, 3); // by trial, 2 params

  await applyExperiment(fx.root, record);
  const text = await Deno.readTextFile(join(fx.root, "pipeline.yaml"));
  const gbdt = (parseYaml(text) as { params: { train: { gbdt: Record<string, number> } } })
    .params.train.gbdt;
  assert.equal(gbdt.max_depth, best.max_depth);
  assert.equal(gbdt.learning_rate, best.learning_rate);
  assert.match(text, /max_depth: \d # depth of each tree/);
});

Deno.test("a taken experiment name is refused before any trial runs", async () => {
  await using fx = await createExpFixture({ "pipeline.yaml": PIPELINE });
  await runTune(fx.root, { ...quiet, queueOnly: true, name: "mine" });
  await assert.rejects(
    runTune(fx.root, { ...quiet, data: undefined, name: "mine" }),
    (error: Error) => {
      assert.ok(error instanceof ExperimentError);
      assert.match(error.message, /experiment "mine": the name is taken/);
      return true;
    },
  );
});

Deno.test("an empty range in pipeline.yaml fails naming it before any trial runs", async () => {
  await using fx = await createExpFixture({
    "pipeline.yaml": PIPELINE.replace(
      "{ min: 0.05, max: 0.4, log: true }",
      "{ min: 0.4, max: 0.05 }",
    ),
  });
  await assert.rejects(runTune(fx.root, { ...quiet, data: undefined }), (error: Error) => {
    assert.ok(error instanceof ParamsError);
    assert.equal(
      error.message,
      'Invalid param tune.space.learning_rate: cannot search an empty range: min 0.4 is above max 0.05, got {"max":0.05,"min":0.4}',
    );
    return true;
  });
});

Deno.test("a searched param pipeline.yaml does not write is named", async () => {
  await using fx = await createExpFixture({
    "pipeline.yaml": PIPELINE.replace(
      "      max_depth: [2, 3]\n",
      "      max_depth: [2, 3]\n      lambda: [1, 5]\n",
    ),
  });
  await assert.rejects(
    runTune(fx.root, { ...quiet, data: undefined }),
    /tune\.space\.lambda: train\.gbdt\.lambda is not written in pipeline\.yaml/,
  );
});

Deno.test("no training split: the error names the file and the stage to run", async () => {
  await using fx = await createExpFixture({ "pipeline.yaml": PIPELINE });
  await assert.rejects(
    runTune(fx.root, { ...quiet, data: undefined, noExperiment: true }),
    /Cannot tune: .*data\/split\/train\.parquet does not exist; run deno task repro split first/,
  );
});
