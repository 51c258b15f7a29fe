import assert from "node:assert/strict";
import {
  createShellRunner,
  pipeLines,
  telltaleErrorLine,
} from "../../../lib/pipeline/run/executor.ts";
import { killAll, survivorsAfter, waitForPidFile } from "../../faults/processes.ts";
import { withTempDir } from "../../temp_dir.ts";

function collect() {
  const lines: string[] = [];
  const sink = (stream: "stdout" | "stderr", line: string) => lines.push(`${stream} ${line}`);
  return { lines, sink };
}

Deno.test("each output line is streamed with the stage prefix, stderr kept apart", async () => {
  const { lines, sink } = collect();
  const run = createShellRunner({ sink });
  const result = await run({
    stage: "split",
    cmd: ["printf 'a\\nb\\n'; echo oops >&2"],
    cwd: Deno.cwd(),
    env: {},
  });
  assert.deepEqual(result, { code: 0 });
  assert.deepEqual(lines.filter((l) => !l.includes("$")).sort(), [
    "stderr [split] oops",
    "stdout [split] a",
    "stdout [split] b",
  ]);
});

Deno.test("commands run in order from the given directory with the given env", async () => {
  const dir = await Deno.makeTempDir();
  const run = createShellRunner({ sink: () => {} });
  const result = await run({
    stage: "s",
    cmd: ["echo $GREETING > out.txt", "echo again >> out.txt"],
    cwd: dir,
    env: { GREETING: "hello" },
  });
  const text = await Deno.readTextFile(`${dir}/out.txt`);
  await Deno.remove(dir, { recursive: true });
  assert.equal(result.code, 0);
  assert.equal(text, "hello\nagain\n");
});

Deno.test("the first failing command stops the stage and reports its exit code", async () => {
  const { lines, sink } = collect();
  const run = createShellRunner({ sink });
  const result = await run({ stage: "s", cmd: ["exit 3", "echo never"], cwd: Deno.cwd(), env: {} });
  assert.deepEqual(result, { code: 3, failedCmd: "exit 3" });
  assert.deepEqual(lines, ["stdout [s] $ exit 3"]);
});

Deno.test("a last line without a newline is still emitted", async () => {
  const bytes = new TextEncoder().encode("one\r\ntwo");
  const lines: string[] = [];
  await pipeLines(ReadableStream.from([bytes]), (line) => lines.push(line));
  assert.deepEqual(lines, ["one", "two"]);
});

const EXECUTOR = new URL("../../../lib/pipeline/run/executor.ts", import.meta.url).href;

Deno.test("a runner killed with SIGKILL takes every running stage with it", async () => {
  await withTempDir(async (dir) => {
    const script = `
      import { createShellRunner } from ${JSON.stringify(EXECUTOR)};
      const run = createShellRunner({ sink: () => {} });
      await Promise.all(["a", "b"].map((stage) =>
        run({ stage, cmd: ["echo $$ > " + stage + ".pid; exec sleep 60"], cwd: ${
      JSON.stringify(dir)
    }, env: {} })
      ));
    `;
    const runner = new Deno.Command(Deno.execPath(), {
      args: ["eval", script],
      stdout: "null",
      stderr: "null",
    }).spawn();
    const stages = [
      await waitForPidFile(`${dir}/a.pid`),
      await waitForPidFile(`${dir}/b.pid`),
    ];
    runner.kill("SIGKILL");
    await runner.status;
    const survivors = await survivorsAfter(stages);
    killAll(survivors);
    assert.deepEqual(survivors, []);
  });
});

Deno.test("a stage's own exit code and output come through the supervisor", async () => {
  const { lines, sink } = collect();
  const run = createShellRunner({ sink });
  const cmd = 'echo "[$1]" out; read -r line; echo "read: $line"; exit 7';
  const result = await run({ stage: "s", cmd: [cmd], cwd: Deno.cwd(), env: {} });
  assert.deepEqual(result, { code: 7, failedCmd: cmd });
  // No supervisor argument leaks into $1, and the stage's stdin stays empty (/dev/null).
  assert.deepEqual(lines, [`stdout [s] $ ${cmd}`, "stdout [s] [] out", "stdout [s] read: "]);
});

Deno.test("the telltale error line is the last OS error, else the last line that is not a stack frame", () => {
  assert.equal(
    telltaleErrorLine([
      "error: Uncaught (in promise) Error: No space left on device (os error 28): write 'x'",
      "    at async writeAll (ext:deno_io/12_io.js:1:1)",
      "Warning: retrying",
    ]),
    "error: Uncaught (in promise) Error: No space left on device (os error 28): write 'x'",
  );
  assert.equal(
    telltaleErrorLine(["Contract failed: 3 rows", "    at main (x.ts:1:1)", ""]),
    "Contract failed: 3 rows",
  );
  assert.equal(telltaleErrorLine([]), undefined);
});

Deno.test("a failing command's telltale stderr line comes back with its exit code", async () => {
  const run = createShellRunner({ sink: () => {} });
  const cmd =
    "echo 'cp: cannot create regular file: Read-only file system' >&2; echo done >&2; exit 1";
  const result = await run({ stage: "s", cmd: [cmd], cwd: Deno.cwd(), env: {} });
  assert.deepEqual(result, {
    code: 1,
    failedCmd: cmd,
    errorLine: "cp: cannot create regular file: Read-only file system",
  });
});

/** Session and process-group ids of a pid, from /proc (fields 6 and 7 of its stat line). */
function sessionAndGroup(stat: string): { sid: number; pgid: number } {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return { pgid: Number(fields[2]), sid: Number(fields[3]) };
}

Deno.test("each stage leads its own session and process group, apart from the runner's", async () => {
  const { lines, sink } = collect();
  const run = createShellRunner({ sink });
  const result = await run({ stage: "s", cmd: ["cat /proc/$$/stat"], cwd: Deno.cwd(), env: {} });
  assert.equal(result.code, 0);
  const stage = sessionAndGroup(lines[1].slice("stdout [s] ".length));
  const runner = sessionAndGroup(Deno.readTextFileSync("/proc/self/stat"));
  assert.equal(stage.sid, stage.pgid);
  assert.notEqual(stage.pgid, runner.pgid);
  assert.notEqual(stage.sid, runner.sid);
});

Deno.test("an abort stops a stage's whole group, even one aborted as it starts", async () => {
  await withTempDir(async (dir) => {
    for (const delay of [0, 200]) {
      const controller = new AbortController();
      const run = createShellRunner({ sink: () => {}, signal: controller.signal });
      const pidFile = `${dir}/child-${delay}.pid`;
      const started = run({
        stage: "s",
        cmd: [`sleep 60 & echo $! > ${pidFile}; wait`],
        cwd: dir,
        env: {},
      });
      // Delay 0 aborts as soon as the process exists, before it may have its own group.
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      controller.abort();
      const result = await started;
      assert.notEqual(result.code, 0, `delay ${delay}: the stage was not stopped`);
      let survivors: number[] = [];
      try {
        survivors = await survivorsAfter([Number(Deno.readTextFileSync(pidFile))]);
      } catch {
        // Stopped before its child started: nothing to outlive it.
      }
      killAll(survivors);
      assert.deepEqual(survivors, [], `delay ${delay}`);
    }
  });
});
