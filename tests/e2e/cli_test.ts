import assert from "node:assert/strict";
import { acquireReproMutex } from "../../lib/pipeline/run/mutex.ts";
import { pipelineStatus } from "../../lib/pipeline/status.ts";
import { createFixture, results } from "./repro_fixture.ts";

const MAIN = new URL("../../lib/cli/main.ts", import.meta.url).pathname;

function cli(root: string, args: string[]) {
  return new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", MAIN, ...args],
    cwd: root,
    stdout: "piped",
    stderr: "piped",
  });
}

async function runCli(root: string, args: string[]) {
  const { code, stdout, stderr } = await cli(root, args).output();
  const decoder = new TextDecoder();
  return { code, stdout: decoder.decode(stdout), stderr: decoder.decode(stderr) };
}

/** Reads repro output until the hanging stage says it is ready; returns the stage's pid. */
async function waitForReady(lines: ReadableStreamDefaultReader<string>): Promise<number> {
  let buffered = "";
  while (true) {
    const { value, done } = await lines.read();
    if (done) throw new Error(`repro ended before the stage was ready: ${buffered}`);
    buffered += value;
    const match = buffered.match(/\[slow\] ready (\d+)/);
    if (match) return Number(match[1]);
  }
}

/** Kills a stage's process group (the runner detaches each stage), or the stage alone. */
function killGroup(pid: number): void {
  try {
    Deno.kill(-pid, "SIGKILL");
  } catch {
    Deno.kill(pid, "SIGKILL");
  }
}

/** A stage that writes half its out, says it is ready, and hangs while HANG exists. */
const HANGING_PIPELINE = `
stages:
  slow:
    cmd: >-
      echo partial > slow.txt;
      if [ -f HANG ]; then echo "ready $$"; while :; do sleep 1; done; fi;
      cat input.txt > slow.txt
    deps: [input.txt]
    outs: [slow.txt]
`;

const COPY_PIPELINE = `
stages:
  copy:
    cmd: cp input.txt copy.txt
    deps: [input.txt]
    outs: [copy.txt]
`;

Deno.test("the CLI repro prints prefixed output and the summary, then status is clean", async () => {
  await using fx = await createFixture({
    "pipeline.yaml": COPY_PIPELINE.replace("cp input.txt", "echo copying; cp input.txt"),
    "input.txt": "x\n",
  });
  const run = await runCli(fx.root, ["repro"]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stdout, /^\[copy\] copying$/m);
  assert.match(run.stdout, /^copy +ran +\d+ ms$/m);
  const status = await runCli(fx.root, ["status"]);
  assert.equal(status.stdout, "Everything is up to date\n");
});

Deno.test("a pipeline mistake exits with code 2 and names the stage and field", async () => {
  await using fx = await createFixture({ "pipeline.yaml": COPY_PIPELINE });
  const run = await runCli(fx.root, ["repro"]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /stage "copy", field "deps"/);
});

Deno.test("a source dep deleted after a run is reported as a pipeline mistake", async () => {
  await using fx = await createFixture({ "pipeline.yaml": COPY_PIPELINE, "input.txt": "x\n" });
  assert.equal((await runCli(fx.root, ["repro"])).code, 0);
  await Deno.remove(`${fx.root}/input.txt`);
  const run = await runCli(fx.root, ["repro"]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /stage "copy", field "deps": dep "input.txt" does not exist/);
});

Deno.test("a corrupt pipeline.lock exits with code 2 naming the file and field", async () => {
  await using fx = await createFixture({ "pipeline.yaml": COPY_PIPELINE, "input.txt": "x\n" });
  await Deno.writeTextFile(`${fx.root}/pipeline.lock`, 'schema: "7"\nstages: {}\n');
  const run = await runCli(fx.root, ["status"]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /Cannot read pipeline\.lock: field "schema": expected "1", got "7"/);
});

Deno.test("an unknown flag is a usage error with exit code 2", async () => {
  await using fx = await createFixture({ "pipeline.yaml": COPY_PIPELINE, "input.txt": "x\n" });
  const run = await runCli(fx.root, ["repro", "--jobz", "2"]);
  assert.equal(run.code, 2);
  assert.equal(run.stderr, "Unknown flag for repro: --jobz\n");
});

Deno.test("a repro while another holds the repo fails at once naming its pid", async () => {
  await using fx = await createFixture({ "pipeline.yaml": COPY_PIPELINE, "input.txt": "x\n" });
  const held = await acquireReproMutex(fx.root);
  const run = await runCli(fx.root, ["repro"]);
  await held.release();
  assert.equal(run.code, 3);
  assert.match(run.stderr, new RegExp(`another repro \\(pid ${Deno.pid}\\)`));
  assert.equal(await fx.exists("copy.txt"), false);
});

Deno.test("a repro killed with SIGKILL mid-stage is followed by a correct repro", async () => {
  await using fx = await createFixture({
    "pipeline.yaml": HANGING_PIPELINE,
    "input.txt": "one\n",
  });
  assert.deepEqual(results(await fx.repro()), { slow: "ran" });
  const lockBefore = await fx.read("pipeline.lock");
  await fx.write("input.txt", "two\n");
  await fx.write("HANG", "");
  const child = cli(fx.root, ["repro"]).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const stagePid = await waitForReady(lines);
  child.kill("SIGKILL");
  try {
    killGroup(stagePid); // in case the stage outlived its runner
  } catch {
    // Gone with its runner, as it should be.
  }
  await child.status;
  await lines.cancel();
  await child.stderr.cancel();
  assert.equal(await fx.read("slow.txt"), "partial\n");
  assert.equal(await fx.read("pipeline.lock"), lockBefore);

  await Deno.remove(`${fx.root}/HANG`);
  const summary = await fx.repro();
  assert.deepEqual(results(summary), { slow: "ran" });
  assert.equal(await fx.read("slow.txt"), "two\n");
  assert.deepEqual((await pipelineStatus(fx.root)).filter((s) => s.stale), []);
});

Deno.test("SIGTERM stops the running stage, puts its outs back and exits 143", async () => {
  await using fx = await createFixture({
    "pipeline.yaml": HANGING_PIPELINE,
    "input.txt": "one\n",
  });
  await fx.repro();
  const lockBefore = await fx.read("pipeline.lock");
  await fx.write("input.txt", "two\n");
  await fx.write("HANG", "");
  const child = cli(fx.root, ["repro"]).spawn();
  const lines = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  await waitForReady(lines);
  child.kill("SIGTERM");
  let rest = "";
  for (let read = await lines.read(); !read.done; read = await lines.read()) rest += read.value;
  const status = await child.status;
  const stderr = await new Response(child.stderr).text();
  assert.equal(status.code, 143);
  assert.match(stderr, /Interrupted by SIGTERM/);
  assert.match(rest, /^slow +failed/m);
  assert.equal(await fx.read("slow.txt"), "one\n");
  assert.equal(await fx.read("pipeline.lock"), lockBefore);
});
