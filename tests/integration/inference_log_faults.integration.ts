/**
 * The inference log's fault suite, short form for CI: one seeded trial of each fault
 * against the real server (tests/faults/inference_log_driver.ts), counts reconciled.
 * The long form: tests/faults/inference_log_long.faults.ts.
 */
import assert from "node:assert/strict";
import { servingFixture } from "../scoring/serving_fixture.ts";
import {
  type LogFault,
  mountSmallTmpfs,
  reconcile,
  runLogTrial,
  unmountTmpfs,
} from "../faults/inference_log_driver.ts";

async function trial(fault: LogFault, seed: number, dir?: string) {
  const fixture = await servingFixture();
  const own = dir ?? await Deno.makeTempDir({ prefix: "riskpipe-log-fault-" });
  try {
    const t = await runLogTrial({
      registry: fixture.registry,
      rows: fixture.testRows,
      fault,
      seed,
      dir: own,
    });
    assert.deepEqual(reconcile(t), [], JSON.stringify({ ...t, stderr: t.stderr }, null, 2));
    return t;
  } finally {
    if (dir === undefined) await Deno.remove(own, { recursive: true });
  }
}

Deno.test("log under SIGTERM mid-load: every scored row is in the file, exit 0", async () => {
  const t = await trial("sigterm", 1);
  assert.equal(t.exitCode, 0);
  assert.ok(t.scored > 0);
});

Deno.test("log under SIGKILL mid-load: the file is intact and holds no more than was scored", async () => {
  await trial("sigkill", 2);
});

Deno.test("log deleted mid-load: later rows land in a new file and the old file's rows are counted lost", async () => {
  const t = await trial("deleted", 3);
  assert.ok(t.lost! > 0 || t.inFile === t.scored, JSON.stringify(t));
});

Deno.test({
  name: "log on a full disk (2 MB tmpfs): what did not fit is counted dropped and the stop exits 1",
  ignore: Deno.uid() !== 0, // mounting a tmpfs needs root (CI runs as root)
  async fn() {
    const tmpfs = await mountSmallTmpfs(2);
    if (tmpfs === undefined) {
      console.log("skipped: mount -t tmpfs failed (no CAP_SYS_ADMIN here)");
      return;
    }
    try {
      const t = await trial("disk_full", 4, tmpfs);
      assert.ok(t.dropped! > 0, JSON.stringify(t));
      assert.equal(t.exitCode, 1);
    } finally {
      await unmountTmpfs(tmpfs);
    }
  },
});
