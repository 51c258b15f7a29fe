import assert from "node:assert/strict";
import { readLock } from "../../lib/pipeline/store/lock.ts";
import { acquireReproMutex } from "../../lib/pipeline/run/mutex.ts";
import { pipelineStatus } from "../../lib/pipeline/status.ts";
import { createFixture, DIAMOND_PIPELINE, results } from "./repro_fixture.ts";

const diamond = () => createFixture({ "pipeline.yaml": DIAMOND_PIPELINE, "input.txt": "one\n" });

Deno.test("a first repro runs every stage and records them in the lock", async () => {
  await using fx = await diamond();
  const summary = await fx.repro();
  assert.equal(summary.ok, true);
  assert.deepEqual(results(summary), { gen: "ran", left: "ran", right: "ran" });
  assert.equal(
    await fx.read("data/left.txt"),
    'one\n{"gen":{"n":3},"left":{"k":1},"right":{"k":1}}\n',
  );
  const lock = await readLock(fx.root);
  assert.deepEqual(Object.keys(lock.stages), ["gen", "left", "right"]);
  assert.deepEqual(lock.stages.left.params, { "left.k": 1 });
  assert.deepEqual(lock.stages.gen.outs.map((o) => [o.path, o.nfiles]), [["data/gen", 2]]);
  assert.match(lock.stages.gen.outs[0].hash, /^[0-9a-f]{64}\.dir$/);
  assert.equal(lock.stages.left.deps[0].hash, lock.stages.gen.outs[0].hash);
});

Deno.test("a second repro runs nothing and leaves the lock as it was", async () => {
  await using fx = await diamond();
  await fx.repro();
  const lockBefore = await fx.read("pipeline.lock");
  const summary = await fx.repro();
  assert.deepEqual(results(summary), {
    gen: "up to date",
    left: "up to date",
    right: "up to date",
  });
  assert.deepEqual((await fx.runs()).sort(), ["gen", "left", "right"]);
  assert.equal(await fx.read("pipeline.lock"), lockBefore);
  assert.deepEqual((await pipelineStatus(fx.root)).filter((s) => s.stale), []);
});

Deno.test("a param change reruns only the stages that name it", async () => {
  await using fx = await diamond();
  await fx.repro();
  await fx.write("pipeline.yaml", DIAMOND_PIPELINE.replace("right: { k: 1 }", "right: { k: 2 }"));
  const status = await pipelineStatus(fx.root);
  assert.deepEqual(status.filter((s) => s.stale).map((s) => [s.stage, s.reasons]), [
    ["right", ["param right.k 1 → 2"]],
  ]);
  const summary = await fx.repro();
  assert.deepEqual(results(summary), { gen: "up to date", left: "up to date", right: "ran" });
  assert.deepEqual((await readLock(fx.root)).stages.right.params, { "right.k": 2 });
});

Deno.test("a dep change reruns the stage and everything downstream", async () => {
  await using fx = await diamond();
  await fx.repro();
  await fx.write("input.txt", "two\n");
  const summary = await fx.repro({ jobs: 1 });
  assert.deepEqual(results(summary), { gen: "ran", left: "ran", right: "ran" });
  assert.equal((await fx.read("data/right.txt")).split("\n")[0], "two");
});

Deno.test("a deleted out is restored from the cache without running the stage", async () => {
  await using fx = await diamond();
  await fx.repro();
  const before = await fx.read("data/left.txt");
  await Deno.remove(`${fx.root}/data/left.txt`);
  await Deno.remove(`${fx.root}/data/gen`, { recursive: true });
  assert.deepEqual(
    (await pipelineStatus(fx.root)).filter((s) => s.stale).map((s) => [s.stage, s.reasons]),
    [["gen", ['out "data/gen" missing']], ["left", ['out "data/left.txt" missing']]],
  );
  const summary = await fx.repro();
  assert.deepEqual(results(summary), { gen: "restored", left: "restored", right: "up to date" });
  assert.equal(await fx.read("data/left.txt"), before);
  assert.equal(await fx.read("data/gen/a.txt"), "one\n");
  assert.equal((await fx.runs()).length, 3);
});

Deno.test("reverting a param restores the earlier outs from the run-cache", async () => {
  await using fx = await diamond();
  await fx.repro();
  const first = await fx.read("data/left.txt");
  await fx.write("pipeline.yaml", DIAMOND_PIPELINE.replace("left: { k: 1 }", "left: { k: 5 }"));
  await fx.repro();
  await fx.write("pipeline.yaml", DIAMOND_PIPELINE);
  const summary = await fx.repro();
  assert.deepEqual(results(summary), { gen: "up to date", left: "restored", right: "up to date" });
  assert.equal(await fx.read("data/left.txt"), first);
  assert.equal((await fx.runs()).filter((stage) => stage === "left").length, 2);
  assert.deepEqual((await readLock(fx.root)).stages.left.params, { "left.k": 1 });
});

Deno.test("--set-param runs with the override, records it and leaves pipeline.yaml alone", async () => {
  await using fx = await diamond();
  await fx.repro();
  const summary = await fx.repro({ setParams: ["left.k=7"] });
  assert.deepEqual(results(summary), { gen: "up to date", left: "ran", right: "up to date" });
  assert.match(await fx.read("data/left.txt"), /"left":\{"k":7\}/);
  assert.deepEqual((await readLock(fx.root)).stages.left.params, { "left.k": 7 });
  assert.equal(await fx.read("pipeline.yaml"), DIAMOND_PIPELINE);
});

Deno.test("--dry says what would run and changes nothing", async () => {
  await using fx = await diamond();
  const summary = await fx.repro({ dry: true });
  assert.deepEqual(results(summary), { gen: "would run", left: "would run", right: "would run" });
  assert.equal(await fx.exists("pipeline.lock"), false);
  assert.deepEqual(await fx.runs(), []);
});

Deno.test("a target reproduces only it and its upstream; --force runs it anyway", async () => {
  await using fx = await diamond();
  const first = await fx.repro({ targets: ["left"] });
  assert.deepEqual(results(first), { gen: "ran", left: "ran" });
  const forced = await fx.repro({ targets: ["gen"], force: true, downstream: true, jobs: 1 });
  assert.deepEqual(results(forced), { gen: "ran", left: "ran", right: "ran" });
});

Deno.test("a frozen stage is skipped even when stale", async () => {
  await using fx = await diamond();
  await fx.repro();
  await fx.write(
    "pipeline.yaml",
    DIAMOND_PIPELINE.replace("right: { k: 1 }", "right: { k: 2 }")
      .replace("    params: [right.k]", "    params: [right.k]\n    frozen: true"),
  );
  const summary = await fx.repro();
  assert.deepEqual(results(summary), { gen: "up to date", left: "up to date", right: "skipped" });
});

Deno.test("an always_changed stage runs on every repro, its downstream only on change", async () => {
  await using fx = await diamond();
  await fx.write(
    "pipeline.yaml",
    DIAMOND_PIPELINE.replace(
      "    params: [gen.n]",
      "    params: [gen.n]\n    always_changed: true",
    ),
  );
  await fx.repro();
  const summary = await fx.repro();
  assert.deepEqual(results(summary), { gen: "ran", left: "up to date", right: "up to date" });
  assert.deepEqual(summary.stages[0].reasons, ["always_changed"]);
});

Deno.test("with --wait a repro starts once the running one releases the repo", async () => {
  await using fx = await diamond();
  const held = await acquireReproMutex(fx.root);
  const summary = await fx.repro({
    wait: true,
    log: (line) => {
      if (line.startsWith(`Waiting for the repro of pid ${Deno.pid}`)) held.release();
    },
  });
  assert.deepEqual(results(summary), { gen: "ran", left: "ran", right: "ran" });
});

Deno.test("--dry tells restores from runs, and that downstream of a run may run", async () => {
  await using fx = await diamond();
  await fx.repro();
  await Deno.remove(`${fx.root}/data/left.txt`);
  await fx.write("input.txt", "changed\n");
  const summary = await fx.repro({ dry: true });
  assert.deepEqual(summary.stages.map((s) => [s.stage, s.result, s.reasons]), [
    ["gen", "would run", ['dep "input.txt" modified']],
    ["left", "may run", ['upstream stage "gen" would run']],
    ["right", "may run", ['upstream stage "gen" would run']],
  ]);
  await fx.write("input.txt", "one\n");
  const restoring = await fx.repro({ dry: true });
  assert.deepEqual(results(restoring), {
    gen: "up to date",
    left: "would restore",
    right: "up to date",
  });
  assert.equal(await fx.exists("data/left.txt"), false);
});

Deno.test("a stage removed from pipeline.yaml leaves the lock on the next repro", async () => {
  await using fx = await diamond();
  await fx.repro();
  await fx.write(
    "pipeline.yaml",
    DIAMOND_PIPELINE.slice(0, DIAMOND_PIPELINE.lastIndexOf("  right:")),
  );
  const summary = await fx.repro();
  assert.deepEqual(results(summary), { gen: "up to date", left: "up to date" });
  assert.deepEqual(Object.keys((await readLock(fx.root)).stages), ["gen", "left"]);
});
