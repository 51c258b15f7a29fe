import assert from "node:assert/strict";
import { readLock } from "../../lib/pipeline/store/lock.ts";
import { createFixture, results } from "./repro_fixture.ts";

/** broken → after, plus an independent stage; broken fails while FAIL exists. */
const FAILING_PIPELINE = `
stages:
  broken:
    cmd: >-
      echo broken >> runs.log;
      if [ -f FAIL ]; then echo half > out/broken.txt; exit 1; fi;
      cp input.txt out/broken.txt
    deps: [input.txt]
    outs: [out/broken.txt]
  after:
    cmd: echo after >> runs.log; cp out/broken.txt out/after.txt
    deps: [out/broken.txt]
    outs: [out/after.txt]
  other:
    cmd: echo other >> runs.log; cp input.txt out/other.txt
    deps: [input.txt]
    outs: [out/other.txt]
`;

const failing = () => createFixture({ "pipeline.yaml": FAILING_PIPELINE, "input.txt": "v1\n" });

Deno.test("a failing stage stops the repro: downstream and the rest are not run", async () => {
  await using fx = await failing();
  await fx.write("FAIL", "");
  const summary = await fx.repro({ jobs: 1 });
  assert.equal(summary.ok, false);
  assert.deepEqual(results(summary), { broken: "failed", after: "not run", other: "not run" });
  assert.deepEqual(summary.stages[1].reasons, ['upstream stage "broken" did not succeed']);
  assert.match(summary.stages[0].error ?? "", /^Stage "broken" failed: command exited with code 1/);
  assert.equal(await fx.exists("out/broken.txt"), false);
  assert.deepEqual((await readLock(fx.root)).stages, {});
});

Deno.test("--keep-going runs the branches that do not depend on the failure", async () => {
  await using fx = await failing();
  await fx.write("FAIL", "");
  const summary = await fx.repro({ jobs: 1, keepGoing: true });
  assert.deepEqual(results(summary), { broken: "failed", after: "not run", other: "ran" });
  assert.deepEqual(Object.keys((await readLock(fx.root)).stages), ["other"]);
});

Deno.test("a failed rerun puts back the stage's previous outs and keeps its lock entry", async () => {
  await using fx = await failing();
  await fx.repro();
  const lockBefore = await fx.read("pipeline.lock");
  await fx.write("input.txt", "v2\n");
  await fx.write("FAIL", "");
  const summary = await fx.repro({ jobs: 1 });
  assert.deepEqual(results(summary), { broken: "failed", after: "not run", other: "not run" });
  assert.equal(await fx.read("out/broken.txt"), "v1\n");
  assert.equal(await fx.read("pipeline.lock"), lockBefore);
  await Deno.remove(`${fx.root}/FAIL`);
  const retry = await fx.repro();
  assert.deepEqual(results(retry), { broken: "ran", after: "ran", other: "ran" });
});

Deno.test("a stage that does not create its out fails", async () => {
  await using fx = await createFixture({
    "pipeline.yaml": "stages:\n  lazy:\n    cmd: 'true'\n    outs: [never.txt]\n",
  });
  const summary = await fx.repro();
  assert.deepEqual(results(summary), { lazy: "failed" });
  assert.equal(summary.stages[0].error, 'Stage "lazy" failed: out "never.txt" was not created');
});

Deno.test("independent stages run at the same time (their recorded intervals overlap)", async () => {
  // Each stage records its start, then waits (bounded) for the other's start before ending;
  // a start file appears (by rename) only once it holds its time.
  const stage = (me: string, other: string) => `
  ${me}:
    cmd: >-
      date +%s%N > ${me}.tmp && mv ${me}.tmp ${me}.start;
      i=0; while [ ! -f ${other}.start ] && [ $i -lt 1000 ]; do i=$((i+1)); sleep 0.01; done;
      date +%s%N > ${me}.end; cp ${me}.start out_${me}.txt
    outs: [out_${me}.txt]`;
  await using fx = await createFixture({
    "pipeline.yaml": `stages:${stage("a", "b")}${stage("b", "a")}\n`,
  });
  const summary = await fx.repro({ jobs: 2 });
  assert.deepEqual(results(summary), { a: "ran", b: "ran" });
  const time = async (file: string) => BigInt((await fx.read(file)).trim());
  const [aStart, aEnd, bStart, bEnd] = await Promise.all(
    ["a.start", "a.end", "b.start", "b.end"].map(time),
  );
  assert.ok(aStart < bEnd && bStart < aEnd, "the two stages' intervals overlap");
});
