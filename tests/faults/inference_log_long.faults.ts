/**
 * The inference log's fault suite, long form (opt-in, not in `deno task test`):
 *
 *   deno test -A tests/faults/inference_log_long.faults.ts
 *
 * RISKPIPE_LOG_FAULT_TRIALS seeded trials (default 10) of each fault against the real
 * server, every one reconciled, then a summary line per fault for the README.
 */
import assert from "node:assert/strict";
import { servingFixture } from "../scoring/serving_fixture.ts";
import {
  type LogFault,
  type LogTrial,
  mountSmallTmpfs,
  reconcile,
  runLogTrial,
  unmountTmpfs,
} from "./inference_log_driver.ts";

const TRIALS = Number(Deno.env.get("RISKPIPE_LOG_FAULT_TRIALS") ?? 10);
const FAULTS: LogFault[] = ["sigterm", "sigkill", "deleted", "disk_full"];

function summary(fault: LogFault, trials: LogTrial[]): string {
  const sum = (f: (t: LogTrial) => number) => trials.reduce((s, t) => s + f(t), 0);
  const scored = sum((t) => t.scored);
  const inFile = sum((t) => t.inFile);
  const dropped = sum((t) => t.dropped ?? 0);
  const lost = sum((t) => t.lost ?? 0);
  const uncounted = sum((t) => t.scored - t.inFile - (t.dropped ?? 0) - (t.lost ?? 0));
  return `${fault}: ${trials.length} trials, ${scored} rows scored, ${inFile} in the file, ` +
    `${dropped} counted dropped, ${lost} counted lost, ${uncounted} uncounted`;
}

for (const fault of FAULTS) {
  Deno.test(`log fault ${fault}: ${TRIALS} seeded trials reconcile`, async () => {
    const fixture = await servingFixture();
    const trials: LogTrial[] = [];
    for (let seed = 1; seed <= TRIALS; seed++) {
      const dir = fault === "disk_full"
        ? await mountSmallTmpfs(2)
        : await Deno.makeTempDir({ prefix: "riskpipe-log-fault-" });
      if (dir === undefined) {
        console.log(`${fault}: skipped (needs root to mount a tmpfs)`);
        return;
      }
      try {
        const t = await runLogTrial({
          registry: fixture.registry,
          rows: fixture.testRows,
          fault,
          seed: seed * 7919 + FAULTS.indexOf(fault),
          dir,
        });
        assert.deepEqual(reconcile(t), [], JSON.stringify(t, null, 2));
        trials.push(t);
      } finally {
        if (fault === "disk_full") await unmountTmpfs(dir);
        else await Deno.remove(dir, { recursive: true });
      }
    }
    console.log(summary(fault, trials));
  });
}
