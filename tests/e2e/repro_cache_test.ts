import assert from "node:assert/strict";
import { objectRelPath } from "../../lib/pipeline/store/cache.ts";
import { readLock } from "../../lib/pipeline/store/lock.ts";
import { createFixture, results } from "./repro_fixture.ts";

const COPY_PIPELINE = `
params:
  copy: { n: 1 }
stages:
  copy:
    cmd: echo copy >> runs.log; cp input.txt copy.txt
    deps: [input.txt]
    params: [copy.n]
    outs: [copy.txt]
`;

Deno.test("a corrupt cache object is discarded and the stage re-runs", async () => {
  await using fx = await createFixture({ "pipeline.yaml": COPY_PIPELINE, "input.txt": "x\n" });
  await fx.repro();
  const hash = (await readLock(fx.root)).stages.copy.outs[0].hash;
  await Deno.remove(`${fx.root}/copy.txt`);
  const object = `${fx.root}/${objectRelPath(hash)}`;
  await Deno.chmod(object, 0o644);
  await Deno.writeTextFile(object, "tampered\n");
  const summary = await fx.repro();
  assert.deepEqual(results(summary), { copy: "ran" });
  assert.equal(await fx.read("copy.txt"), "x\n");
  assert.deepEqual(await fx.runs(), ["copy", "copy"]);
});

Deno.test("a persist out is kept and edited in place across runs", async () => {
  const pipeline = `
params:
  log: { n: 1 }
stages:
  log:
    cmd: echo "run" >> history.txt
    params: [log.n]
    outs:
      - path: history.txt
        persist: true
`;
  await using fx = await createFixture({ "pipeline.yaml": pipeline });
  await fx.repro();
  await Deno.remove(`${fx.root}/history.txt`);
  assert.deepEqual(results(await fx.repro()), { log: "restored" });
  await fx.write("pipeline.yaml", pipeline.replace("n: 1", "n: 2"));
  assert.deepEqual(results(await fx.repro()), { log: "ran" });
  assert.equal(await fx.read("history.txt"), "run\nrun\n");
});

Deno.test("an uncached out is hashed into the lock but a deleted one makes the stage run", async () => {
  const pipeline = `
stages:
  make:
    cmd: echo make >> runs.log; echo made > made.txt
    outs:
      - path: made.txt
        cache: false
`;
  await using fx = await createFixture({ "pipeline.yaml": pipeline });
  await fx.repro();
  const lock = await readLock(fx.root);
  assert.equal(lock.stages.make.outs[0].size, 5);
  await Deno.remove(`${fx.root}/made.txt`);
  assert.deepEqual(results(await fx.repro()), { make: "ran" });
  assert.deepEqual(await fx.runs(), ["make", "make"]);
});
