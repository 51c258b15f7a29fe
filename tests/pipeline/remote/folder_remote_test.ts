import assert from "node:assert/strict";
import { join } from "node:path";
import {
  checkoutOuts,
  collectRefs,
  openRemote,
  pullCache,
  pushCache,
  type RemoteStore,
} from "../../../lib/pipeline/remote/mod.ts";
import { objectRelPath } from "../../../lib/pipeline/store/cache.ts";
import { readLock } from "../../../lib/pipeline/store/lock.ts";
import { results } from "../../e2e/repro_fixture.ts";
import { withTempDir } from "../../temp_dir.ts";
import {
  failingStore,
  filesUnder,
  freshClone,
  misnamedObjects,
  reproducedDiamond,
} from "./remote_fixture.ts";

/** The diamond's cache: the gen manifest, a.txt, b.txt and left.txt (= right.txt). */
const DIAMOND_OBJECTS = 4;
const DIAMOND_RUNS = 3;

function folderRemote(path: string, root: string): RemoteStore {
  return openRemote({ name: "team", url: path, scope: "project" }, root);
}

/** An assert.rejects validator matching the error's message (not its "Name: " string). */
function messageMatching(pattern: RegExp): (error: Error) => boolean {
  return (error) => {
    assert.match(error.message, pattern);
    return true;
  };
}

async function refsOf(root: string) {
  return collectRefs(await readLock(root));
}

Deno.test("push then pull on a fresh clone lets repro restore every stage without running one", async () => {
  await withTempDir(async (remoteDir) => {
    await using fx = await reproducedDiamond();
    const pushed = await pushCache(
      fx.root,
      folderRemote(remoteDir, fx.root),
      await refsOf(fx.root),
    );
    assert.deepEqual(pushed, {
      sent: DIAMOND_OBJECTS,
      present: 0,
      runsSent: DIAMOND_RUNS,
      runsPresent: 0,
      notCached: [],
    });
    await using clone = await freshClone(fx);
    const store = folderRemote(remoteDir, clone.root);
    const pulled = await pullCache(clone.root, store, await refsOf(clone.root));
    assert.equal(pulled.fetched, DIAMOND_OBJECTS);
    assert.equal(pulled.runsFetched, DIAMOND_RUNS);
    const summary = await clone.repro();
    assert.deepEqual(results(summary), { gen: "restored", left: "restored", right: "restored" });
    assert.deepEqual(await clone.runs(), []);
    assert.equal(await clone.read("data/left.txt"), await fx.read("data/left.txt"));
    assert.equal(await clone.read("data/gen/b.txt"), "n\n");
  });
});

Deno.test("pull checks out the outs, so the next repro finds every stage up to date", async () => {
  await withTempDir(async (remoteDir) => {
    await using fx = await reproducedDiamond();
    await pushCache(fx.root, folderRemote(remoteDir, fx.root), await refsOf(fx.root));
    await using clone = await freshClone(fx);
    const refs = await refsOf(clone.root);
    await pullCache(clone.root, folderRemote(remoteDir, clone.root), refs);
    const checkout = await checkoutOuts(clone.root, refs.outs);
    assert.deepEqual(checkout.restored.sort(), ["data/gen", "data/left.txt", "data/right.txt"]);
    const summary = await clone.repro();
    assert.deepEqual(results(summary), {
      gen: "up to date",
      left: "up to date",
      right: "up to date",
    });
    assert.deepEqual(await clone.runs(), []);
  });
});

Deno.test("a second push sends only the objects and runs the remote lacks", async () => {
  await withTempDir(async (remoteDir) => {
    await using fx = await reproducedDiamond();
    const store = folderRemote(remoteDir, fx.root);
    const refs = await refsOf(fx.root);
    await pushCache(fx.root, store, refs);
    const leftHash = (await readLock(fx.root)).stages.left.outs[0].hash;
    await Deno.remove(join(remoteDir, objectRelPath(leftHash).replace(".repro/cache/", "")));
    const [run] = await filesUnder(join(remoteDir, "runs"));
    await Deno.remove(join(remoteDir, "runs", run));
    const again = await pushCache(fx.root, store, refs);
    assert.equal(again.sent, 1);
    assert.equal(again.present, DIAMOND_OBJECTS - 1);
    assert.equal(again.runsSent, 1);
    assert.equal(again.runsPresent, DIAMOND_RUNS - 1);
  });
});

Deno.test("a push cut mid-object leaves no partial object and a re-run sends only the rest", async () => {
  await withTempDir(async (remoteDir) => {
    await using fx = await reproducedDiamond();
    const refs = await refsOf(fx.root);
    const cut = failingStore(folderRemote(remoteDir, fx.root), 3);
    await assert.rejects(
      () => pushCache(fx.root, cut, refs, { jobs: 1 }),
      (error: Error) => {
        assert.equal(error.name, "RemoteError");
        assert.match(error.message, /^Cannot push to remote "team" \(.+\): object [0-9a-f]{64}/);
        assert.match(
          error.message,
          /connection cut by the test; 3 transferred, run the command again/,
        );
        return true;
      },
    );
    // a.txt, b.txt, (left.txt cut), the gen manifest (its files are all there), gen's run.
    assert.equal(cut.writes(), 4);
    assert.deepEqual(await misnamedObjects(remoteDir), []);
    assert.deepEqual(await filesUnder(join(remoteDir, "tmp")), []);
    // A run entry travels only after its outs: gen's, not left's or right's.
    assert.equal((await filesUnder(join(remoteDir, "runs"))).length, 1);
    const resumed = await pushCache(fx.root, folderRemote(remoteDir, fx.root), refs);
    assert.equal(resumed.sent, 1);
    assert.equal(resumed.present, DIAMOND_OBJECTS - 1);
    assert.equal(resumed.runsSent, DIAMOND_RUNS - 1);
    await using clone = await freshClone(fx);
    await pullCache(clone.root, folderRemote(remoteDir, clone.root), await refsOf(clone.root));
    assert.deepEqual(await clone.runs(), []);
    assert.equal(Object.values(results(await clone.repro())).every((r) => r === "restored"), true);
  });
});

Deno.test("a corrupt object on the remote is refused by pull and never enters the cache", async () => {
  await withTempDir(async (remoteDir) => {
    await using fx = await reproducedDiamond();
    await pushCache(fx.root, folderRemote(remoteDir, fx.root), await refsOf(fx.root));
    const leftHash = (await readLock(fx.root)).stages.left.outs[0].hash;
    const remotePath = join(remoteDir, objectRelPath(leftHash).replace(".repro/cache/", ""));
    await Deno.writeTextFile(remotePath, "tampered\n");
    await using clone = await freshClone(fx);
    const leftOnly = collectRefs(await readLock(clone.root), ["left"]);
    await assert.rejects(
      () => pullCache(clone.root, folderRemote(remoteDir, clone.root), leftOnly),
      (error: Error) => {
        assert.equal(error.name, "RemoteError");
        assert.match(
          error.message,
          new RegExp(
            `^Cannot pull from remote "team" \\(${remoteDir}\\): object ${leftHash} of out ` +
              `"data/left.txt": the object on the remote is corrupt: the bytes hash to [0-9a-f]{64}, ` +
              `expected ${leftHash}; it was not stored`,
          ),
        );
        return true;
      },
    );
    assert.equal(await clone.exists(objectRelPath(leftHash)), false);
    assert.deepEqual(await filesUnder(join(clone.root, ".repro/tmp")), []);
  });
});

Deno.test("a run-cache entry on the remote that is not its key's entry is refused", async () => {
  await withTempDir(async (remoteDir) => {
    await using fx = await reproducedDiamond();
    await pushCache(fx.root, folderRemote(remoteDir, fx.root), await refsOf(fx.root));
    const runs = await filesUnder(join(remoteDir, "runs"));
    const [first, second] = runs.map((path) => join(remoteDir, "runs", path));
    await Deno.writeTextFile(first, await Deno.readTextFile(second));
    await using clone = await freshClone(fx);
    const refs = await refsOf(clone.root);
    await assert.rejects(
      () => pullCache(clone.root, folderRemote(remoteDir, clone.root), refs),
      /run-cache entry [0-9a-f]{64} of stage "\w+": the entry on the remote is not the entry of its key; it was not stored/,
    );
  });
});

Deno.test("an unreachable folder remote is an error naming it, and pull writes nothing", async () => {
  await withTempDir(async (dir) => {
    await using fx = await reproducedDiamond();
    const missing = join(dir, "no/such/share");
    await assert.rejects(
      () =>
        pushCache(
          fx.root,
          folderRemote(missing, fx.root),
          collectRefs({ schema: "1", stages: {} }),
        ),
      messageMatching(
        new RegExp(`^Cannot reach remote "team" \\(${missing}\\): no such folder, nor its parent`),
      ),
    );
    await using clone = await freshClone(fx);
    const refs = await refsOf(clone.root);
    await assert.rejects(
      () => pullCache(clone.root, folderRemote(missing, clone.root), refs),
      messageMatching(new RegExp(`^Cannot reach remote "team" \\(${missing}\\): no such folder$`)),
    );
    assert.equal(await clone.exists(".repro/cache"), false);
    assert.deepEqual(await filesUnder(dir), []);
  });
});

Deno.test("push of a stage sends only that stage's objects and run entry", async () => {
  await withTempDir(async (remoteDir) => {
    await using fx = await reproducedDiamond();
    const refs = collectRefs(await readLock(fx.root), ["left"]);
    const pushed = await pushCache(fx.root, folderRemote(remoteDir, fx.root), refs);
    assert.deepEqual([pushed.sent, pushed.runsSent], [1, 1]);
    const leftHash = (await readLock(fx.root)).stages.left.outs[0].hash;
    assert.deepEqual(await filesUnder(join(remoteDir, "objects")), [
      `${leftHash.slice(0, 2)}/${leftHash.slice(2)}`,
    ]);
  });
});

Deno.test("a corrupt local object is not pushed: the error names it and the remote stays clean", async () => {
  await withTempDir(async (remoteDir) => {
    await using fx = await reproducedDiamond();
    const leftHash = (await readLock(fx.root)).stages.left.outs[0].hash;
    const local = join(fx.root, objectRelPath(leftHash));
    await Deno.chmod(local, 0o644);
    await Deno.writeTextFile(local, "rotted\n");
    const refs = await refsOf(fx.root);
    await assert.rejects(
      () => pushCache(fx.root, folderRemote(remoteDir, fx.root), refs),
      messageMatching(
        new RegExp(
          `object ${leftHash} of out "data/(left|right)\\.txt": the local copy is corrupt: ` +
            "the bytes hash to",
        ),
      ),
    );
    assert.deepEqual(await misnamedObjects(remoteDir), []);
    const remoteCopy = join(remoteDir, "objects", leftHash.slice(0, 2), leftHash.slice(2));
    assert.equal(await Deno.stat(remoteCopy).then(() => true, () => false), false);
  });
});

Deno.test("no more transfers than --jobs are in flight at once", async () => {
  await withTempDir(async (remoteDir) => {
    await using fx = await reproducedDiamond();
    const inner = folderRemote(remoteDir, fx.root);
    let inFlight = 0;
    let most = 0;
    const counting: RemoteStore = {
      ...inner,
      async write(key, body) {
        most = Math.max(most, ++inFlight);
        try {
          await inner.write(key, body);
        } finally {
          inFlight--;
        }
      },
    };
    await pushCache(fx.root, counting, await refsOf(fx.root), { jobs: 2 });
    assert.equal(most, 2);
  });
});
