import assert from "node:assert/strict";
import { everyToCron, runOnSchedule } from "../../lib/monitor/mod.ts";

Deno.test("an interval becomes the cron pattern a crontab would hold", () => {
  assert.equal(everyToCron("1h"), "0 0 */1 * * *");
  assert.equal(everyToCron("15m"), "0 */15 * * * *");
  assert.equal(everyToCron("1s"), "*/1 * * * * *");
  assert.equal(everyToCron("1d"), "0 0 0 * * *");
});

Deno.test("an interval that does not divide its unit is refused with the text", () => {
  for (const bad of ["7m", "5h", "2d", "0s", "hourly"]) {
    assert.throws(() => everyToCron(bad), {
      message: `Cannot schedule every "${bad}": ` +
        "expected Ns or Nm with N dividing 60, Nh with N dividing 24, or 1d",
    });
  }
});

Deno.test("a schedule with max runs 2 runs the job twice, one at a time, then stops", async () => {
  let running = 0;
  let overlapped = false;
  const seen: number[] = [];
  const codes = await runOnSchedule(async () => {
    overlapped ||= running > 0;
    running++;
    await Promise.resolve();
    running--;
    seen.push(seen.length + 1);
    return seen.length === 1 ? 1 : 0;
  }, { every: "1s", maxRuns: 2 });
  assert.deepEqual(codes, [1, 0]);
  assert.deepEqual(seen, [1, 2]);
  assert.equal(overlapped, false);
});

Deno.test("a run that throws counts as exit 1 and the schedule goes on", async () => {
  const errors: unknown[] = [];
  let calls = 0;
  const codes = await runOnSchedule(() => {
    calls++;
    return calls === 1 ? Promise.reject(new Error("boom")) : Promise.resolve(0);
  }, { every: "1s", maxRuns: 2, onRun: (_, r) => "error" in r && errors.push(r.error) });
  assert.deepEqual(codes, [1, 0]);
  assert.equal((errors[0] as Error).message, "boom");
});
