import assert from "node:assert/strict";
import { pipelineStatus } from "../../lib/pipeline/status.ts";
import { killAll, survivorsAfter, waitForPidFile } from "../faults/processes.ts";
import { createFixture, results } from "./repro_fixture.ts";

const MAIN = new URL("../../lib/cli/main.ts", import.meta.url).pathname;

/** A stage that, while HANG exists, records its pid and a background child's, then hangs. */
const HANGING_PIPELINE = `
stages:
  slow:
    cmd: >-
      echo $$ > stage.pid;
      echo partial > slow.txt;
      if [ -f HANG ]; then sleep 60 & echo $! > child.pid; wait; fi;
      cat input.txt > slow.txt
    deps: [input.txt]
    outs: [slow.txt]
`;

Deno.test("kill -9 of a repro's process group ends its stage and the stage's children", async () => {
  await using fx = await createFixture({
    "pipeline.yaml": HANGING_PIPELINE,
    "input.txt": "one\n",
  });
  assert.deepEqual(results(await fx.repro()), { slow: "ran" });
  await Deno.remove(`${fx.root}/stage.pid`);
  const lockBefore = await fx.read("pipeline.lock");
  await fx.write("input.txt", "two\n");
  await fx.write("HANG", "");
  // setsid makes the runner lead its own group, as `setsid deno task repro &` does.
  const runner = new Deno.Command("setsid", {
    args: [Deno.execPath(), "run", "-A", MAIN, "repro"],
    cwd: fx.root,
    stdout: "null",
    stderr: "null",
  }).spawn();
  const stages = [
    await waitForPidFile(`${fx.root}/stage.pid`),
    await waitForPidFile(`${fx.root}/child.pid`),
  ];
  Deno.kill(-runner.pid, "SIGKILL");
  await runner.status;
  const survivors = await survivorsAfter(stages);
  killAll(survivors);
  assert.deepEqual(survivors, []);
  assert.equal(await fx.read("pipeline.lock"), lockBefore);

  await Deno.remove(`${fx.root}/HANG`);
  assert.deepEqual(results(await fx.repro()), { slow: "ran" });
  assert.equal(await fx.read("slow.txt"), "two\n");
  assert.deepEqual((await pipelineStatus(fx.root)).filter((s) => s.stale), []);
});
