import assert from "node:assert/strict";
import { LOCK_RECOVERY_HINT } from "../../lib/pipeline/store/lock.ts";
import { createFixture, results } from "./repro_fixture.ts";

const MAIN = new URL("../../lib/cli/main.ts", import.meta.url).pathname;

const PIPELINE = `
stages:
  copy:
    cmd: echo copy >> runs.log; cp input.txt copy.txt
    deps: [input.txt]
    outs: [copy.txt]
`;

async function runCli(root: string, args: string[]) {
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, ...args],
    cwd: root,
    stdout: "null",
    stderr: "piped",
  }).output();
  return { code, stderr: new TextDecoder().decode(stderr) };
}

for (const [damage, cut] of [["truncated", 0.6], ["empty", 0]] as const) {
  Deno.test(`a ${damage} pipeline.lock exits 2 with the recovery hint, and the hint works`, async () => {
    await using fx = await createFixture({ "pipeline.yaml": PIPELINE, "input.txt": "x\n" });
    assert.deepEqual(results(await fx.repro()), { copy: "ran" });
    const lock = await fx.read("pipeline.lock");
    await fx.write("pipeline.lock", lock.slice(0, Math.floor(lock.length * cut)));

    const run = await runCli(fx.root, ["repro"]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /^Cannot read pipeline\.lock: /);
    assert.ok(run.stderr.endsWith(`; ${LOCK_RECOVERY_HINT}\n`), run.stderr);
    assert.equal(run.stderr.split("\n").length, 2, run.stderr);

    // As the hint says: without the lock, repro restores the stage instead of rerunning it.
    await Deno.remove(`${fx.root}/pipeline.lock`);
    assert.deepEqual(results(await fx.repro()), { copy: "restored" });
    assert.deepEqual(await fx.runs(), ["copy"]);
    assert.equal(await fx.read("pipeline.lock"), lock);
  });
}

const REGISTRY = new URL("../../lib/registry/mod.ts", import.meta.url).href;
const CONFIG = new URL("../../deno.json", import.meta.url).pathname;

/** train → register, register recording model.json in a registry as the real stage does. */
const REGISTER_PIPELINE = `
stages:
  train:
    cmd: cp input.txt model.json
    deps: [input.txt]
    outs: [model.json]
  register:
    cmd: >-
      ${Deno.execPath()} eval --config ${CONFIG} 'import { registerVersion } from "${REGISTRY}";
      const info = await registerVersion("registry", { artifacts: { "model.json": "model.json" },
      metrics: {}, gatePassed: true, lineage: {} }); console.log("registered", info.version)'
    deps: [model.json]
    outs:
      - path: registry
        cache: false
        persist: true
`;

Deno.test("a register stage rerun after the lock is deleted finds its version, not a duplicate", async () => {
  await using fx = await createFixture({ "pipeline.yaml": REGISTER_PIPELINE, "input.txt": "m\n" });
  const first = await fx.repro();
  assert.deepEqual(results(first), { train: "ran", register: "ran" }, fx.output.join("\n"));
  await Deno.remove(`${fx.root}/pipeline.lock`);
  const summary = await fx.repro();
  // train comes back from the run-cache byte for byte; register (a persist out, never
  // cached) reruns, and the registry answers with the version of the same artifact hashes.
  assert.deepEqual(results(summary), { train: "restored", register: "ran" });
  assert.ok(fx.output.includes("[register] registered v0001"), fx.output.join("\n"));
  const versions = [];
  for await (const entry of Deno.readDir(`${fx.root}/registry/versions`)) versions.push(entry.name);
  assert.deepEqual(versions, ["v0001"]);
});
