/** kill -9 of the experiment queue runner: the half-run experiment is failed, retried, recorded once. */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  foldJournal,
  readRecord,
  retryExperiments,
  runQueue,
} from "../../lib/pipeline/experiments/mod.ts";
import { queueExperiments } from "../../lib/pipeline/experiments/queue.ts";
import { listRecordNames } from "../../lib/pipeline/experiments/record.ts";
import { queueStatusText } from "../../lib/cli/exp_status.ts";
import { killAll, survivorsAfter, waitForPidFile } from "../faults/processes.ts";
import { createExpFixture } from "./exp_fixture.ts";

const MAIN = new URL("../../lib/cli/main.ts", import.meta.url).pathname;

/** score hangs, after writing its pid, while the file $EXP_HANG exists. */
const HANGING_PIPELINE = `params:
  p: { x: 1 }
stages:
  score:
    cmd: >-
      if [ -f "$EXP_HANG" ]; then echo $$ > "$EXP_STAGE_PID"; sleep 60 & wait; fi;
      echo "$RISKPIPE_PARAMS" > score.json; echo "score $PWD" >> "$EXP_RUNS_LOG"
    params: [p.x]
    outs: [score.json]
`;

Deno.test("kill -9 of exp queue start: the running experiment is marked failed, retried, recorded once", async () => {
  await using fx = await createExpFixture({ "pipeline.yaml": HANGING_PIPELINE });
  const hang = join(fx.root, ".repro/HANG");
  const stagePid = join(fx.root, ".repro/stage.pid");
  await queueExperiments(fx.root, { grid: ["p.x=2,3"], name: "k" });
  await Deno.writeTextFile(hang, "");
  // setsid: the runner leads its own group, as `setsid deno task exp queue start &` does.
  const runner = new Deno.Command("setsid", {
    args: [Deno.execPath(), "run", "-A", MAIN, "exp", "queue", "start", "--jobs", "1"],
    cwd: fx.root,
    env: { EXP_HANG: hang, EXP_STAGE_PID: stagePid },
    stdout: "null",
    stderr: "null",
  }).spawn();
  let stage: number;
  try {
    stage = await waitForPidFile(stagePid);
    assert.equal((await foldJournal(fx.root)).get("k-1")?.status, "running");
  } finally {
    Deno.kill(-runner.pid, "SIGKILL");
    await runner.status;
  }
  const survivors = await survivorsAfter([stage]);
  killAll(survivors);
  assert.deepEqual(survivors, []);

  const status = await queueStatusText(fx.root, false);
  assert.match(status, /\n1 queued, 0 running, 0 done, 1 failed$/);
  const journal = await foldJournal(fx.root);
  assert.deepEqual([...journal.values()].map((e) => [e.name, e.status]), [
    ["k-1", "failed"],
    ["k-2", "queued"],
  ]);
  assert.match(journal.get("k-1")!.error!, /runner \(pid \d+\) died while it ran/);
  assert.equal((await readRecord(fx.root, "k-1"))?.status, "failed");

  await Deno.remove(hang);
  await retryExperiments(fx.root, ["k-1"]);
  const records = await runQueue(fx.root, { sink: () => {}, reproJobs: 1, jobs: 1 });
  assert.deepEqual(records.map((r) => [r.name, r.status, r.attempt]), [
    ["k-2", "done", 1],
    ["k-1", "done", 2],
  ]);
  assert.deepEqual(await listRecordNames(fx.root), ["k-1", "k-2"]);
  const doneLines = (await Deno.readTextFile(join(fx.root, ".repro/exp/queue.jsonl")))
    .split("\n").filter((line) => line.includes('"op":"done"')).length;
  assert.equal(doneLines, 2);
  assert.deepEqual(await fx.runs(), ["score", "score"]);
});
