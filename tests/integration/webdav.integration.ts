/**
 * Remotes over WebDAV against a real nginx (its dav module): push, pull on a fresh clone
 * then repro restoring every stage, only missing objects sent, a push cut mid-PUT leaving
 * no object under its final name, a corrupt object refused. nginx is started per test on a
 * free loopback port (`.ci/webdav.sh` installs it).
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import {
  collectRefs,
  openRemote,
  pullCache,
  pushCache,
  type RemoteStore,
} from "../../lib/pipeline/remote/mod.ts";
import { objectRelPath } from "../../lib/pipeline/store/cache.ts";
import { readLock } from "../../lib/pipeline/store/lock.ts";
import { results } from "../e2e/repro_fixture.ts";
import {
  failingStore,
  filesUnder,
  freshClone,
  misnamedObjects,
  reproducedDiamond,
} from "../pipeline/remote/remote_fixture.ts";
import { withWebdavServer } from "./webdav_server.ts";

/** The diamond's cache: the gen manifest, a.txt, b.txt and left.txt (= right.txt). */
const DIAMOND_OBJECTS = 4;

function davRemote(url: string, root: string): RemoteStore {
  return openRemote({ name: "dav", url: `${url}riskpipe/cache`, scope: "project" }, root);
}

async function refsOf(root: string) {
  return collectRefs(await readLock(root));
}

Deno.test("a push to nginx WebDAV and a pull on a fresh clone let repro restore every stage", async () => {
  await withWebdavServer(async ({ url, root }) => {
    await using fx = await reproducedDiamond();
    const pushed = await pushCache(fx.root, davRemote(url, fx.root), await refsOf(fx.root));
    assert.deepEqual([pushed.sent, pushed.runsSent], [DIAMOND_OBJECTS, 3]);
    assert.deepEqual(await misnamedObjects(join(root, "riskpipe/cache")), []);
    await using clone = await freshClone(fx);
    const pulled = await pullCache(
      clone.root,
      davRemote(url, clone.root),
      await refsOf(clone.root),
    );
    assert.deepEqual([pulled.fetched, pulled.runsFetched], [DIAMOND_OBJECTS, 3]);
    const summary = await clone.repro();
    assert.deepEqual(results(summary), { gen: "restored", left: "restored", right: "restored" });
    assert.deepEqual(await clone.runs(), []);
  });
});

Deno.test("a second push to WebDAV sends only the object the server lost", async () => {
  await withWebdavServer(async ({ url, root }) => {
    await using fx = await reproducedDiamond();
    const refs = await refsOf(fx.root);
    await pushCache(fx.root, davRemote(url, fx.root), refs);
    const hash = (await readLock(fx.root)).stages.left.outs[0].hash;
    await Deno.remove(join(root, "riskpipe", objectRelPath(hash).replace(".repro/", "")));
    const again = await pushCache(fx.root, davRemote(url, fx.root), refs);
    assert.deepEqual([again.sent, again.present, again.runsSent], [1, DIAMOND_OBJECTS - 1, 0]);
  });
});

Deno.test("a WebDAV push cut mid-PUT leaves no object under its name and resumes", async () => {
  await withWebdavServer(async ({ url, root }) => {
    await using fx = await reproducedDiamond();
    const refs = await refsOf(fx.root);
    const cut = failingStore(davRemote(url, fx.root), 2);
    await assert.rejects(() => pushCache(fx.root, cut, refs, { jobs: 1 }), {
      name: "RemoteError",
      message:
        /^Cannot push to remote "dav" \(http:\/\/127\.0\.0\.1:\d+\/riskpipe\/cache\): object [0-9a-f]{64} of "data\/gen\/b\.txt": connection cut by the test;/,
    });
    const cache = join(root, "riskpipe/cache");
    assert.deepEqual(await misnamedObjects(cache), []);
    // a.txt and left.txt; b.txt was cut, so the gen manifest that lists it waits too.
    assert.equal((await filesUnder(join(cache, "objects"))).length, 2);
    const resumed = await pushCache(fx.root, davRemote(url, fx.root), refs);
    assert.deepEqual([resumed.sent, resumed.present], [2, 2]);
    assert.deepEqual(await filesUnder(join(cache, "tmp")), []);
  });
});

Deno.test("an object corrupted on the WebDAV server is refused by pull", async () => {
  await withWebdavServer(async ({ url, root }) => {
    await using fx = await reproducedDiamond();
    await pushCache(fx.root, davRemote(url, fx.root), await refsOf(fx.root));
    const hash = (await readLock(fx.root)).stages.left.outs[0].hash;
    await Deno.writeTextFile(
      join(root, "riskpipe", objectRelPath(hash).replace(".repro/", "")),
      "tampered\n",
    );
    await using clone = await freshClone(fx);
    const refs = collectRefs(await readLock(clone.root), ["data/left.txt"]);
    await assert.rejects(() => pullCache(clone.root, davRemote(url, clone.root), refs), {
      name: "RemoteError",
      message: new RegExp(
        `^Cannot pull from remote "dav" \\(${url}riskpipe/cache\\): object ${hash} of out ` +
          `"data/left.txt": the object on the remote is corrupt: the bytes hash to`,
      ),
    });
    assert.equal(await clone.exists(objectRelPath(hash)), false);
  });
});
