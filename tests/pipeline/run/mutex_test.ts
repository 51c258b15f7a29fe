import assert from "node:assert/strict";
import { join } from "node:path";
import { acquireReproMutex, ReproLockedError } from "../../../lib/pipeline/run/mutex.ts";

Deno.test("a second acquire fails at once naming the holder's pid", async () => {
  const root = await Deno.makeTempDir();
  const held = await acquireReproMutex(root);
  try {
    await assert.rejects(
      () => acquireReproMutex(root),
      (error: unknown) => {
        assert.ok(error instanceof ReproLockedError);
        assert.equal(error.pid, Deno.pid);
        assert.match(error.message, new RegExp(`pid ${Deno.pid}`));
        return true;
      },
    );
  } finally {
    await held.release();
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("the holder's pid is written in .repro/repro.pid while held", async () => {
  const root = await Deno.makeTempDir();
  const held = await acquireReproMutex(root);
  const text = await Deno.readTextFile(join(root, ".repro/repro.pid"));
  await held.release();
  await Deno.remove(root, { recursive: true });
  assert.equal(text, `${Deno.pid}\n`);
});

Deno.test("a released mutex can be acquired again", async () => {
  const root = await Deno.makeTempDir();
  await (await acquireReproMutex(root)).release();
  const again = await acquireReproMutex(root);
  await again.release();
  await Deno.remove(root, { recursive: true });
});

Deno.test("a waiting acquire gets the mutex once the holder releases it", async () => {
  const root = await Deno.makeTempDir();
  const held = await acquireReproMutex(root);
  let waitedFor: number | undefined;
  const waiting = acquireReproMutex(root, {
    wait: true,
    onWait: (pid) => {
      waitedFor = pid;
      held.release();
    },
  });
  const acquired = await waiting;
  await acquired.release();
  await Deno.remove(root, { recursive: true });
  assert.equal(waitedFor, Deno.pid);
});

Deno.test("a pid file left by a killed holder is taken over", async () => {
  const root = await Deno.makeTempDir();
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "eval",
      `const { acquireReproMutex } = await import(${
        JSON.stringify(new URL("../../../lib/pipeline/run/mutex.ts", import.meta.url).href)
      });
       globalThis.held = await acquireReproMutex(${JSON.stringify(root)});
       console.log("held");
       setInterval(() => {}, 1000);`,
    ],
    stdout: "piped",
  }).spawn();
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  assert.equal((await reader.read()).value?.trim(), "held");
  await assert.rejects(() => acquireReproMutex(root), ReproLockedError);
  child.kill("SIGKILL");
  await child.status;
  await reader.cancel();
  const taken = await acquireReproMutex(root);
  await taken.release();
  await Deno.remove(root, { recursive: true });
});
