import assert from "node:assert/strict";
import { join } from "node:path";
import { collectRefs, openRemote, pushCache } from "../../lib/pipeline/remote/mod.ts";
import { readLock } from "../../lib/pipeline/store/lock.ts";
import { withTempDir } from "../temp_dir.ts";
import { filesUnder, misnamedObjects } from "../pipeline/remote/remote_fixture.ts";
import { createFixture } from "./repro_fixture.ts";

const MAIN = new URL("../../lib/cli/main.ts", import.meta.url).pathname;
const FILES = 1000;

/** One stage writing FILES small distinct files into a directory out. */
const MANY_FILES_PIPELINE = `
stages:
  many:
    cmd: mkdir -p many && for i in $(seq 1 ${FILES}); do echo $i > many/$i.txt; done
    outs: [many]
`;

const WAIT_ATTEMPTS = 1000;
const WAIT_MS = 10;

async function waitForObjects(dir: string, atLeast: number, push: Deno.ChildProcess) {
  let exited = false;
  push.status.then(() => exited = true);
  for (let attempt = 0; attempt < WAIT_ATTEMPTS && !exited; attempt++) {
    if ((await filesUnder(join(dir, "objects"))).length >= atLeast) return;
    await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
  }
  throw new Error(`push ${exited ? "ended" : "did not send"} before ${atLeast} objects`);
}

Deno.test("kill -9 of a push leaves only whole objects and the next push sends just the rest", async () => {
  await withTempDir(async (remoteDir) => {
    await using fx = await createFixture({ "pipeline.yaml": MANY_FILES_PIPELINE });
    assert.equal((await fx.repro()).ok, true);
    await fx.write(
      "repro.config.yaml",
      `remotes:\n  team: { url: ${JSON.stringify(remoteDir)} }\n`,
    );
    const push = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", MAIN, "push", "--jobs", "1"],
      cwd: fx.root,
      stdout: "null",
      stderr: "null",
    }).spawn();
    await waitForObjects(remoteDir, 20, push);
    push.kill("SIGKILL");
    assert.equal((await push.status).success, false);

    assert.deepEqual(await misnamedObjects(remoteDir), []);
    const sentBefore = (await filesUnder(join(remoteDir, "objects"))).length;
    assert.ok(sentBefore < FILES, `the push finished (${sentBefore} objects) before the kill`);
    // The manifest and run entry go last: a killed push leaves neither.
    assert.deepEqual(await filesUnder(join(remoteDir, "runs")), []);
    const store = openRemote({ name: "team", url: remoteDir, scope: "project" }, fx.root);
    const resumed = await pushCache(fx.root, store, collectRefs(await readLock(fx.root)), {
      jobs: 4,
    });
    assert.equal(resumed.present, sentBefore);
    assert.equal(resumed.sent, FILES + 1 - sentBefore);
    assert.equal(resumed.runsSent, 1);
    assert.deepEqual(await misnamedObjects(remoteDir), []);
  });
});
