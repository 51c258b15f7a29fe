/**
 * A handful of the kill -9 fault trials (tests/faults/kill_repro.ts) on every CI run;
 * `deno task faults:kill --trials 50` runs the full set.
 */
import assert from "node:assert/strict";
import { runKillTrials } from "../faults/kill_repro.ts";

Deno.test("a repro killed with kill -9 at random moments is followed by a repro equal to an uninterrupted one", async () => {
  const report = await runKillTrials({ trials: 5, seed: 11 });
  assert.equal(report.trials.length, 5);
  assert.deepEqual(
    report.trials.filter((t) => t.problems.length > 0).map((t) => [t.trial, t.problems]),
    [],
  );
});
