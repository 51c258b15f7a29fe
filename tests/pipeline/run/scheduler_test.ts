import assert from "node:assert/strict";
import { schedule, type TaskEnd } from "../../../lib/pipeline/run/scheduler.ts";

// a → b → d, a → c → d, e independent
const UPSTREAM: Record<string, string[]> = { a: [], b: ["a"], c: ["a"], d: ["b", "c"], e: [] };
const ORDER = ["a", "b", "c", "d", "e"];

/** Runs the schedule with tasks that finish only when the test says so. */
function controlled(jobs: number, keepGoing: boolean, ends: Record<string, TaskEnd> = {}) {
  const events: string[] = [];
  let active = 0;
  let maxActive = 0;
  const result = schedule({
    order: ORDER,
    upstream: (name) => UPSTREAM[name],
    jobs,
    keepGoing,
    run: async (name) => {
      events.push(`start ${name}`);
      active++;
      maxActive = Math.max(maxActive, active);
      await Promise.resolve();
      active--;
      events.push(`end ${name}`);
      return ends[name] ?? "ok";
    },
  });
  return { events, result, maxActive: () => maxActive };
}

Deno.test("a stage starts only after all its upstream stages ended", async () => {
  const { events, result } = controlled(4, false);
  assert.deepEqual([...await result], []);
  const at = (e: string) => events.indexOf(e);
  assert.ok(at("end a") < at("start b") && at("end a") < at("start c"));
  assert.ok(at("end b") < at("start d") && at("end c") < at("start d"));
});

Deno.test("independent stages run at the same time up to jobs", async () => {
  const wide = controlled(4, false);
  await wide.result;
  assert.equal(wide.maxActive(), 2);
  const narrow = controlled(1, false);
  await narrow.result;
  assert.equal(narrow.maxActive(), 1);
});

Deno.test("after a failure nothing new starts and the rest is not run", async () => {
  const { events, result } = controlled(1, false, { b: "failed" });
  const notRun = await result;
  assert.deepEqual(events, ["start a", "end a", "start b", "end b"]);
  assert.deepEqual([...notRun.keys()].sort(), ["c", "d", "e"]);
  assert.equal(notRun.get("d"), 'upstream stage "b" did not succeed');
});

Deno.test("keep-going runs every branch that does not depend on the failure", async () => {
  const { events, result } = controlled(1, true, { b: "failed" });
  const notRun = await result;
  assert.deepEqual([...notRun], [["d", 'upstream stage "b" did not succeed']]);
  assert.ok(events.includes("end c") && events.includes("end e"));
});

Deno.test("a task that throws counts as failed", async () => {
  const notRun = await schedule({
    order: ["a", "b"],
    upstream: (name) => name === "b" ? ["a"] : [],
    jobs: 2,
    keepGoing: true,
    run: (name) => name === "a" ? Promise.reject(new Error("boom")) : Promise.resolve("ok"),
  });
  assert.deepEqual([...notRun], [["b", 'upstream stage "a" did not succeed']]);
});

Deno.test("once aborted no new stage starts and the rest is not run as interrupted", async () => {
  const controller = new AbortController();
  const started: string[] = [];
  const notRun = await schedule({
    order: ["a", "b", "c"],
    upstream: (name) => name === "a" ? [] : ["a"],
    jobs: 1,
    keepGoing: true,
    signal: controller.signal,
    run: (name) => {
      started.push(name);
      controller.abort();
      return Promise.resolve("ok");
    },
  });
  assert.deepEqual(started, ["a"]);
  assert.deepEqual([...notRun], [["b", "repro interrupted"], ["c", "repro interrupted"]]);
});
