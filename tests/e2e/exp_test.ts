/** `exp`: experiments in isolated workspaces, through the real runner on tiny pipelines. */
import assert from "node:assert/strict";
import {
  applyExperiment,
  collectExperimentGarbage,
  ExperimentError,
  foldJournal,
  queueExperiments,
  readRecord,
  removeExperiments,
  runQueue,
} from "../../lib/pipeline/experiments/mod.ts";
import { pipelineStatus } from "../../lib/pipeline/status.ts";
import { PipelineError } from "../../lib/pipeline/spec/errors.ts";
import { assertValidParams } from "../../lib/stage/param_schemas.ts";
import { createExpFixture, EXP_PIPELINE, treeFingerprint } from "./exp_fixture.ts";

const quiet = { sink: () => {}, reproJobs: 1 };

Deno.test("exp run restores the unchanged stage, records the run, and leaves the work tree as it was", async () => {
  await using fx = await createExpFixture({ "pipeline.yaml": EXP_PIPELINE, "input.txt": "hi\n" });
  await fx.repro();
  assert.deepEqual(await fx.runs(), ["prep", "score"]);
  const before = await treeFingerprint(fx.root);

  const names = await queueExperiments(fx.root, { setParams: ["p.x=3"], name: "three" });
  const [record] = await runQueue(fx.root, { ...quiet, names });

  assert.deepEqual(await treeFingerprint(fx.root), before);
  assert.deepEqual(await fx.runs(), ["prep", "score", "score"]); // prep came from the cache
  assert.equal(record.status, "done", record.error);
  assert.deepEqual(record.changed, ["p.x"]);
  assert.equal(record.params["p.x"], 3);
  assert.deepEqual(record.metrics, { "metrics.json": { score: 3 } });
  assert.deepEqual(Object.keys(record.lock!.stages).sort(), ["prep", "score"]);
  assert.match(record.baseCommit ?? "", /^[0-9a-f]{40}$/);
  assert.deepEqual(await readRecord(fx.root, "three"), record);
  assert.equal((await foldJournal(fx.root)).get("three")?.status, "done");
});

Deno.test("a grid over a param that does not exist names it and queues nothing", async () => {
  await using fx = await createExpFixture({ "pipeline.yaml": EXP_PIPELINE, "input.txt": "hi\n" });
  await assert.rejects(
    queueExperiments(fx.root, { grid: ["p.x=2,3", "p.z=1,2"] }),
    (error: Error) => {
      assert.ok(error instanceof PipelineError);
      assert.match(error.message, /--grid p\.z: unknown param p\.z: did you mean p\.x\?/);
      return true;
    },
  );
  assert.equal((await foldJournal(fx.root)).size, 0);
});

Deno.test("a grid value the params schema refuses names the param before anything is queued", async () => {
  await using fx = await createExpFixture({
    "pipeline.yaml": EXP_PIPELINE.replace("params:\n", "params:\n  split: { test_size: 0.2 }\n"),
    "input.txt": "hi\n",
  });
  await assert.rejects(
    queueExperiments(fx.root, {
      grid: ["split.test_size=0.3,2"],
      validate: (params, keys) => assertValidParams(params, { fromFlag: keys }),
    }),
    /split\.test_size/,
  );
  assert.equal((await foldJournal(fx.root)).size, 0);
});

Deno.test("a grid queues the product, and a taken name is refused naming it", async () => {
  await using fx = await createExpFixture({ "pipeline.yaml": EXP_PIPELINE, "input.txt": "hi\n" });
  await fx.repro();
  const names = await queueExperiments(fx.root, {
    grid: ["p.x=2,3", "p.y=a,b"],
    name: "g",
  });
  assert.deepEqual(names, ["g-1", "g-2", "g-3", "g-4"]);
  const queued = [...(await foldJournal(fx.root)).values()].map((e) => e.def.setParams);
  assert.deepEqual(queued, [["p.x=2", "p.y=a"], ["p.x=2", "p.y=b"], ["p.x=3", "p.y=a"], [
    "p.x=3",
    "p.y=b",
  ]]);
  await assert.rejects(
    queueExperiments(fx.root, { setParams: ["p.x=9"], name: "g-3" }),
    (error: Error) =>
      error instanceof ExperimentError && /"g-3": the name is taken/.test(error.message),
  );
  const records = await runQueue(fx.root, { ...quiet, jobs: 1 });
  assert.deepEqual(records.map((r) => r.status), ["done", "done", "done", "done"]);
  assert.deepEqual(await fx.runs(), ["prep", "score", "score", "score"]); // x=2, x=3; the rest restored
});

Deno.test("exp apply writes the params keeping comments, checks out the outs, and leaves nothing stale", async () => {
  await using fx = await createExpFixture({ "pipeline.yaml": EXP_PIPELINE, "input.txt": "hi\n" });
  await fx.repro();
  await queueExperiments(fx.root, { setParams: ["p.x=5"], name: "five" });
  const [record] = await runQueue(fx.root, quiet);
  const result = await applyExperiment(fx.root, record);
  assert.deepEqual(result.params, ["p.x"]);
  assert.deepEqual(result.missing, []);
  assert.deepEqual(result.restored, ["metrics.json"]); // prep.txt was already as it ran
  assert.equal(await fx.read("pipeline.yaml"), EXP_PIPELINE.replace("x: 1 #", "x: 5 #"));
  assert.deepEqual(JSON.parse(await fx.read("metrics.json")), { score: 5 });
  assert.deepEqual((await pipelineStatus(fx.root)).filter((s) => s.stale), []);
});

Deno.test("exp remove forgets an experiment; exp gc keeps records unless asked", async () => {
  await using fx = await createExpFixture({ "pipeline.yaml": EXP_PIPELINE, "input.txt": "hi\n" });
  await queueExperiments(fx.root, { grid: ["p.x=2,3"], name: "r" });
  const records = await runQueue(fx.root, { ...quiet, jobs: 2 }); // two workspaces at once
  assert.deepEqual(records.map((r) => r.status), ["done", "done"]);
  await removeExperiments(fx.root, ["r-1"]);
  assert.equal(await readRecord(fx.root, "r-1"), undefined);
  assert.deepEqual([...(await foldJournal(fx.root)).keys()], ["r-2"]);
  await assert.rejects(removeExperiments(fx.root, ["r-7"]), /"r-7": no such experiment/);
  const kept = await collectExperimentGarbage(fx.root);
  assert.deepEqual(kept.records, []);
  assert.equal((await readRecord(fx.root, "r-2"))?.status, "done");
  const all = await collectExperimentGarbage(fx.root, { records: true });
  assert.deepEqual(all.records, ["r-2"]);
  assert.equal((await foldJournal(fx.root)).size, 0);
});

/** evaluate reads the champion; register makes the candidate the champion (a shell registry). */
const REGISTRY_PIPELINE = `params:
  model: { auc: 0.7 }
stages:
  train:
    cmd: echo "$RISKPIPE_PARAMS" > model.json; echo "train $PWD" >> "$EXP_RUNS_LOG"
    params: [model.auc]
    outs: [model.json]
  evaluate:
    cmd: cat model.json > evaluation.json; echo "evaluate $PWD" >> "$EXP_RUNS_LOG"
    deps: [model.json]
    state: [registry.champion]
    outs: [evaluation.json]
  register:
    cmd: >-
      mkdir -p data/registry/versions/v0001 && cp model.json data/registry/versions/v0001/version.json &&
      echo '{"formatVersion":1,"stages":{"v0001":"Production"},"history":[]}' > data/registry/registry.json;
      echo "register $PWD" >> "$EXP_RUNS_LOG"
    deps: [evaluation.json]
    writes_state: [registry.champion]
    outs:
      - path: data/registry/versions
        cache: false
        persist: true
`;

Deno.test("an experiment is judged against the user's champion but never registers", async () => {
  await using fx = await createExpFixture({
    "pipeline.yaml": REGISTRY_PIPELINE,
  });
  await fx.repro();
  assert.deepEqual(await fx.runs(), ["train", "evaluate", "register"]);
  const before = await treeFingerprint(fx.root);
  await queueExperiments(fx.root, { setParams: ["model.auc=0.9"], name: "better" });
  const [record] = await runQueue(fx.root, quiet);
  assert.equal(record.status, "done", record.error);
  assert.deepEqual(record.skippedStages, ["register"]);
  assert.deepEqual(Object.keys(record.lock!.stages).sort(), ["evaluate", "train"]);
  assert.deepEqual(record.lock!.stages.evaluate.state?.["registry.champion"].id, "v0001");
  assert.deepEqual(await fx.runs(), ["train", "evaluate", "register", "train", "evaluate"]);
  assert.deepEqual(await treeFingerprint(fx.root), before);
});

Deno.test("a failing experiment is recorded failed with its error, its workspace kept, and the queue goes on", async () => {
  await using fx = await createExpFixture({
    "pipeline.yaml": EXP_PIPELINE.replace(
      "cmd: cat input.txt > prep.txt;",
      'cmd: if [ "$(cat input.txt)" = bad ]; then echo "input is bad" >&2; exit 3; fi; cat input.txt > prep.txt;',
    ),
    "input.txt": "bad\n",
  });
  await queueExperiments(fx.root, { name: "broken" });
  await fx.write("input.txt", "good\n");
  await queueExperiments(fx.root, { name: "fine" });
  const snapshots = [...(await foldJournal(fx.root)).values()].map((e) => e.def.snapshot);
  assert.notEqual(snapshots[0], snapshots[1]); // each took the work tree as it was then
  await queueExperiments(fx.root, { name: "same" });
  const same = (await foldJournal(fx.root)).get("same")!.def.snapshot;
  assert.equal(same, snapshots[1]); // an unchanged work tree: one snapshot
  const records = await runQueue(fx.root, { ...quiet, jobs: 1 });
  assert.deepEqual(records.map((r) => [r.name, r.status]), [
    ["broken", "failed"],
    ["fine", "done"],
    ["same", "done"],
  ]);
  assert.match(records[0].error!, /repro failed with exit code 1: .*input is bad/);
  assert.ok(await fx.exists(".repro/exp/workspaces/broken-1/pipeline.yaml"));
  assert.equal(await fx.exists(".repro/exp/workspaces/fine-1"), false);
  const gc = await collectExperimentGarbage(fx.root);
  assert.deepEqual(gc.workspaces, ["broken-1"]);
  assert.deepEqual(gc.snapshots, [snapshots[1]]); // the failed one's is kept for a retry
});

Deno.test("an experiment whose snapshot is gone fails naming it, without stopping the queue", async () => {
  await using fx = await createExpFixture({ "pipeline.yaml": EXP_PIPELINE, "input.txt": "hi\n" });
  await queueExperiments(fx.root, { name: "gone" });
  const snapshot = (await foldJournal(fx.root)).get("gone")!.def.snapshot;
  await Deno.remove(`${fx.root}/.repro/exp/snapshots/${snapshot}`, { recursive: true });
  await fx.write("input.txt", "other\n"); // another snapshot
  await queueExperiments(fx.root, { name: "next" });
  const records = await runQueue(fx.root, { ...quiet, jobs: 1 });
  assert.deepEqual(records.map((r) => [r.name, r.status]), [["gone", "failed"], ["next", "done"]]);
  assert.match(records[0].error!, /Cannot create the workspace of experiment "gone" from snapshot/);
});

Deno.test("two runners sharing a queue run each experiment once", async () => {
  await using fx = await createExpFixture({ "pipeline.yaml": EXP_PIPELINE, "input.txt": "hi\n" });
  await fx.repro();
  await queueExperiments(fx.root, { grid: ["p.x=2,3,4,5"], name: "s" });
  const [a, b] = await Promise.all([
    runQueue(fx.root, { ...quiet, jobs: 1 }),
    runQueue(fx.root, { ...quiet, jobs: 1 }),
  ]);
  const names = [...a, ...b].map((record) => record.name).sort();
  assert.deepEqual(names, ["s-1", "s-2", "s-3", "s-4"]);
  assert.deepEqual(await fx.runs(), ["prep", "score", "score", "score", "score", "score"]);
});
