import assert from "node:assert/strict";
import { join } from "node:path";
import { objectRelPath, openCache } from "../../../lib/pipeline/store/cache.ts";
import { collectGarbage } from "../../../lib/pipeline/store/gc.ts";
import { hashBytes } from "../../../lib/pipeline/store/hash.ts";
import { type LockEntry, writeLock } from "../../../lib/pipeline/store/lock.ts";
import { loadRun, saveRun } from "../../../lib/pipeline/store/run_cache.ts";
import { createHasher } from "../../../lib/pipeline/store/stat_cache.ts";
import { withTempDir } from "../../temp_dir.ts";

const KEY = "cd".repeat(32);

const withRepo = withTempDir;

/** Writes and commits (copy mode) a file out; returns its lock entry. */
async function commitText(root: string, path: string, text: string): Promise<LockEntry> {
  await Deno.mkdir(join(root, path, ".."), { recursive: true });
  await Deno.writeTextFile(join(root, path), text);
  const cache = openCache(root, { linkModes: ["copy"] });
  const hashed = await cache.commit(path, await createHasher(root));
  return { cmd: ["x"], deps: [], params: {}, outs: [{ path, ...hashed }] };
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

Deno.test("gc keeps objects the lock references and removes the others", async () => {
  await withRepo(async (root) => {
    const kept = await commitText(root, "kept.txt", "keep me");
    await commitText(root, "old.txt", "old bytes");
    await writeLock(root, { schema: "1", stages: { s: kept } });
    const result = await collectGarbage(root);
    assert.deepEqual(result, { removed: 1, kept: 1, freedBytes: 9, prunedRuns: 0 });
    assert.ok(await exists(join(root, objectRelPath(hashBytes("keep me")))));
    assert.ok(!await exists(join(root, objectRelPath(hashBytes("old bytes")))));
  });
});

Deno.test("gc keeps a referenced directory's manifest and every file it lists", async () => {
  await withRepo(async (root) => {
    await Deno.mkdir(join(root, "out"));
    await Deno.writeTextFile(join(root, "out", "a.txt"), "abc");
    await Deno.writeTextFile(join(root, "out", "b.txt"), "bcd");
    const hashed = await openCache(root, { linkModes: ["copy"] })
      .commit("out", await createHasher(root));
    await commitText(root, "stray.txt", "stray");
    await writeLock(root, {
      schema: "1",
      stages: { s: { cmd: ["x"], deps: [], params: {}, outs: [{ path: "out", ...hashed }] } },
    });
    const result = await collectGarbage(root);
    assert.deepEqual(result, { removed: 1, kept: 3, freedBytes: 5, prunedRuns: 0 });
  });
});

Deno.test("gc --dry reports what it would remove and removes nothing", async () => {
  await withRepo(async (root) => {
    await commitText(root, "old.txt", "old bytes");
    const result = await collectGarbage(root, { dry: true });
    assert.deepEqual(result, { removed: 1, kept: 0, freedBytes: 9, prunedRuns: 0 });
    assert.ok(await exists(join(root, objectRelPath(hashBytes("old bytes")))));
  });
});

Deno.test("gc prunes run-cache entries whose out objects it removed", async () => {
  await withRepo(async (root) => {
    const kept = await commitText(root, "kept.txt", "keep me");
    const old = await commitText(root, "old.txt", "old bytes");
    await saveRun(root, KEY, old);
    await saveRun(root, "ef".repeat(32), kept);
    await writeLock(root, { schema: "1", stages: { s: kept } });
    const result = await collectGarbage(root);
    assert.equal(result.prunedRuns, 1);
    assert.equal(await loadRun(root, KEY), undefined);
    assert.deepEqual(await loadRun(root, "ef".repeat(32)), kept);
  });
});

Deno.test("gc with revs keeps objects referenced by pipeline.lock in recent commits", async () => {
  await withRepo(async (root) => {
    const git = (...args: string[]) =>
      new Deno.Command("git", {
        args: ["-c", "user.name=t", "-c", "user.email=t@t", ...args],
        cwd: root,
        stdout: "null",
        stderr: "null",
      }).output();
    await git("init", "-q");
    const v1 = await commitText(root, "model.txt", "model v1");
    await writeLock(root, { schema: "1", stages: { train: v1 } });
    await git("add", "pipeline.lock");
    await git("commit", "-q", "-m", "v1");
    const v2 = await commitText(root, "model.txt", "model v2");
    await writeLock(root, { schema: "1", stages: { train: v2 } });
    await git("commit", "-q", "-am", "v2");
    const v0 = await commitText(root, "other.txt", "never locked");

    assert.deepEqual(await collectGarbage(root, { revs: 2, dry: true }), {
      removed: 1,
      kept: 2,
      freedBytes: v0.outs[0].size,
      prunedRuns: 0,
    });
    assert.deepEqual(await collectGarbage(root, { revs: 1 }), {
      removed: 2,
      kept: 1,
      freedBytes: v0.outs[0].size + v1.outs[0].size,
      prunedRuns: 0,
    });
  });
});

Deno.test("gc with revs outside a git repository is an error", async () => {
  await withRepo(async (root) => {
    await assert.rejects(() => collectGarbage(root, { revs: 1 }), /not a git repository/);
  });
});

Deno.test("gc of a repo without a cache removes nothing", async () => {
  await withRepo(async (root) => {
    assert.deepEqual(await collectGarbage(root), {
      removed: 0,
      kept: 0,
      freedBytes: 0,
      prunedRuns: 0,
    });
  });
});
