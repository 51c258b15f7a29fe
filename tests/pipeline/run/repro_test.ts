import assert from "node:assert/strict";
import type { StageRunner, StageRunRequest } from "../../../lib/pipeline/run/executor.ts";
import { repro } from "../../../lib/pipeline/run/repro.ts";
import { hashBytes } from "../../../lib/pipeline/store/hash.ts";
import { readLock } from "../../../lib/pipeline/store/lock.ts";

const PIPELINE = `
params:
  p: { x: 1, y: "two" }
stages:
  a:
    cmd: [make a, touch a]
    params: [p.x]
    outs: [a.txt]
  b:
    cmd: make b
    outs: [b.txt]
  c:
    cmd: make c
    deps: [a.txt, b.txt]
    outs: [c.txt]
`;

/**
 * A runner that writes each stage's out itself and records what it was asked. With
 * `meet`, a and b each wait for the other to be running (or, if it never comes, give up
 * after a while so a serial scheduler fails the assertion instead of hanging).
 */
function fakeRunner(root: string, meet = false) {
  const requests: StageRunRequest[] = [];
  let active = 0;
  let maxActive = 0;
  let bothRunning = () => {};
  const met = new Promise<void>((resolve) => bothRunning = resolve);
  const run: StageRunner = async (request) => {
    requests.push(request);
    active++;
    maxActive = Math.max(maxActive, active);
    if (active === 2) bothRunning();
    if (meet && request.stage !== "c") {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([met, new Promise((resolve) => timer = setTimeout(resolve, 5000))]);
      clearTimeout(timer);
    }
    await Deno.writeTextFile(`${root}/${request.stage}.txt`, request.stage);
    active--;
    return { code: request.stage === "b" && request.env.FAIL_B === "1" ? 2 : 0 };
  };
  return { run, requests, maxActive: () => maxActive };
}

async function fixture(): Promise<string> {
  const root = await Deno.makeTempDir();
  await Deno.writeTextFile(`${root}/pipeline.yaml`, PIPELINE);
  return root;
}

Deno.test("the runner gets each stage's cmd, the repo root and the effective params", async () => {
  const root = await fixture();
  const runner = fakeRunner(root);
  await repro(root, { runner: runner.run, log: () => {}, jobs: 1, setParams: ["p.x=5"] });
  await Deno.remove(root, { recursive: true });
  assert.deepEqual(runner.requests.map((r) => [r.stage, r.cmd, r.cwd]), [
    ["a", ["make a", "touch a"], root],
    ["b", ["make b"], root],
    ["c", ["make c"], root],
  ]);
  assert.deepEqual(JSON.parse(runner.requests[0].env.RISKPIPE_PARAMS), {
    p: { x: 5, y: "two" },
  });
});

Deno.test("with one job no two stages run at once; with two, a and b do", async () => {
  const root = await fixture();
  const serial = fakeRunner(root);
  const summary = await repro(root, { runner: serial.run, log: () => {}, jobs: 1 });
  await Deno.remove(`${root}/pipeline.lock`);
  const parallel = fakeRunner(root, true);
  await repro(root, { runner: parallel.run, log: () => {}, jobs: 2, force: true });
  await Deno.remove(root, { recursive: true });
  assert.equal(summary.ok, true);
  assert.equal(serial.maxActive(), 1);
  assert.equal(parallel.maxActive(), 2);
});

Deno.test("the summary lists stages in plan order with what happened to each", async () => {
  const root = await fixture();
  const runner = fakeRunner(root);
  await repro(root, { runner: runner.run, log: () => {} });
  await Deno.remove(`${root}/b.txt`);
  const summary = await repro(root, { runner: runner.run, log: () => {} });
  await Deno.remove(root, { recursive: true });
  assert.deepEqual(summary.stages.map((s) => [s.stage, s.result, s.reasons]), [
    ["a", "up to date", []],
    ["b", "restored", ['out "b.txt" missing']],
    ["c", "up to date", []],
  ]);
  assert.equal(runner.requests.length, 3);
});

Deno.test("a runner failure fails the stage and leaves its downstream not run", async () => {
  const root = await fixture();
  const runner = fakeRunner(root);
  const failing: StageRunner = (request) =>
    runner.run({ ...request, env: { ...request.env, FAIL_B: "1" } });
  const summary = await repro(root, { runner: failing, log: () => {}, jobs: 1 });
  const lock = await Deno.readTextFile(`${root}/pipeline.lock`);
  await Deno.remove(root, { recursive: true });
  assert.equal(summary.ok, false);
  assert.deepEqual(summary.stages.map((s) => s.result), ["ran", "failed", "not run"]);
  assert.equal(summary.stages[1].error, 'Stage "b" failed: command exited with code 2');
  assert.match(lock, /^ {2}a:$/m);
  assert.doesNotMatch(lock, /^ {2}b:$/m);
});

Deno.test("a file a stage's command writes beyond its outs is hashed afresh for later stages", async () => {
  // `first` hashes shared.txt ("old"), then `writer` rewrites it without declaring it;
  // `reader` depends on it and must record the new content, not the answer `first` got.
  const root = await Deno.makeTempDir();
  await Deno.writeTextFile(`${root}/shared.txt`, "old\n");
  await Deno.writeTextFile(
    `${root}/pipeline.yaml`,
    `stages:
  first:
    cmd: cat shared.txt > first.txt
    deps: [shared.txt]
    outs: [first.txt]
  writer:
    cmd: echo new > shared.txt && echo w > writer.txt
    deps: [first.txt]
    outs: [writer.txt]
  reader:
    cmd: cat shared.txt > reader.txt
    deps: [writer.txt, shared.txt]
    outs: [reader.txt]
`,
  );
  const summary = await repro(root, { log: () => {}, sink: () => {}, jobs: 1 });
  const lock = await readLock(root);
  await Deno.remove(root, { recursive: true });
  assert.ok(summary.ok);
  const dep = (stage: string) => lock.stages[stage].deps.find((d) => d.path === "shared.txt");
  assert.equal(dep("first")?.hash, hashBytes("old\n"));
  assert.equal(dep("reader")?.hash, hashBytes("new\n"));
});
