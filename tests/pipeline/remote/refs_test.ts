import assert from "node:assert/strict";
import { join } from "node:path";
import { collectRefs, runKeyOfEntry } from "../../../lib/pipeline/remote/mod.ts";
import { readLock } from "../../../lib/pipeline/store/lock.ts";
import { runRelPath } from "../../../lib/pipeline/store/run_cache.ts";
import { createFixture } from "../../e2e/repro_fixture.ts";

const PARAMS_PIPELINE = `
params:
  train: { lr: 0.1, depths: [4, 6], opts: { z: true, a: "x" } }
stages:
  b_stage:
    cmd: echo b > b.txt; mkdir -p out && echo o > out/o.txt
    params: [train]
    outs: [out, b.txt]
  a_stage:
    cmd: cat b.txt > a.txt
    deps: [b.txt]
    params: [train.lr]
    outs: [a.txt]
`;

Deno.test("the run key computed from a lock entry is the one repro saved the run under", async () => {
  await using fx = await createFixture({ "pipeline.yaml": PARAMS_PIPELINE });
  assert.equal((await fx.repro()).ok, true);
  const lock = await readLock(fx.root);
  for (const [stage, entry] of Object.entries(lock.stages)) {
    const saved = await Deno.stat(join(fx.root, runRelPath(runKeyOfEntry(entry))))
      .then(() => true, () => false);
    assert.equal(saved, true, `no run-cache entry under the key of stage "${stage}"`);
  }
});

Deno.test("an out path as target picks its out only, without the stage's run entry", async () => {
  await using fx = await createFixture({ "pipeline.yaml": PARAMS_PIPELINE });
  await fx.repro();
  const lock = await readLock(fx.root);
  const refs = collectRefs(lock, ["./out/"]);
  assert.deepEqual(refs.outs.map((o) => [o.stage, o.path]), [["b_stage", "out"]]);
  assert.deepEqual(refs.runs, []);
  assert.deepEqual(collectRefs(lock).runs.map((r) => r.stage), ["b_stage", "a_stage"]);
  assert.throws(() => collectRefs(lock, ["c.txt"]), {
    name: "RemoteConfigError",
    message: 'Unknown target "c.txt": not a stage or out recorded in pipeline.lock',
  });
});
