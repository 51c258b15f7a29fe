import assert from "node:assert/strict";
import { join } from "node:path";
import { TEMP_DIR } from "../../lib/pipeline/store/cache.ts";
import { createFixture, results } from "./repro_fixture.ts";

const PIPELINE = `
stages:
  split:
    cmd: mkdir -p data/split && cp input.txt data/split/train.txt
    deps: [input.txt]
    outs: [data/split/train.txt]
  fail:
    cmd: 'echo half > data/fail.txt.partial; echo "fail: Permission denied" >&2; exit 1'
    outs: [data/fail.txt]
`;

async function entries(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  return names.sort();
}

Deno.test("a killed run's partial and temp files are removed by the next repro", async () => {
  await using fx = await createFixture({ "pipeline.yaml": PIPELINE, "input.txt": "a\n" });
  // What a runner killed mid-write leaves: the stage's .partial, the runner's temp beside
  // the out, and its scratch in .repro/tmp (pid 999999999 cannot exist; pid 1 always does).
  await fx.write("data/split/train.txt.partial", "half");
  await fx.write("data/split/.train.txt.4242-0123abcd.tmp", "half");
  await fx.write("data/split/keep.txt", "not debris");
  await fx.write(`${TEMP_DIR}/999999999-0b1c`, "dead");
  await fx.write(`${TEMP_DIR}/0b1c-legacy-uuid`, "dead");
  await fx.write(`${TEMP_DIR}/1-0b1c`, "live");
  const summary = await fx.repro({ targets: ["split"] });
  assert.deepEqual(results(summary), { split: "ran" });
  assert.deepEqual(await entries(join(fx.root, "data/split")), ["keep.txt", "train.txt"]);
  assert.deepEqual(await entries(join(fx.root, TEMP_DIR)), ["1-0b1c"]);
});

Deno.test("a failed stage leaves no partial file, and its OS error is the summary's last words", async () => {
  await using fx = await createFixture({ "pipeline.yaml": PIPELINE, "input.txt": "a\n" });
  const summary = await fx.repro({ targets: ["fail"] });
  assert.deepEqual(results(summary), { fail: "failed" });
  assert.match(summary.stages[0].error ?? "", /exited with code 1: .*: fail: Permission denied$/);
  assert.deepEqual(await entries(join(fx.root, "data")), []);
});

Deno.test("a killed run's lock and stat cache temps are removed, a live writer's kept", async () => {
  await using fx = await createFixture({ "pipeline.yaml": PIPELINE, "input.txt": "a\n" });
  await fx.write(".pipeline.lock.999999999-0123abcd.tmp", "half");
  await fx.write(".repro/.stat-cache.json.999999999-0123abcd.tmp", "half");
  await fx.write(".repro/.stat-cache.json.1-0123abcd.tmp", "a live writer's");
  await fx.write(".notes.txt.999999999-0123abcd.tmp.keep", "not a temp name");
  assert.deepEqual(results(await fx.repro({ targets: ["split"] })), { split: "ran" });
  assert.equal(await fx.exists(".pipeline.lock.999999999-0123abcd.tmp"), false);
  assert.equal(await fx.exists(".repro/.stat-cache.json.999999999-0123abcd.tmp"), false);
  assert.equal(await fx.exists(".repro/.stat-cache.json.1-0123abcd.tmp"), true);
  assert.equal(await fx.exists(".notes.txt.999999999-0123abcd.tmp.keep"), true);
});
