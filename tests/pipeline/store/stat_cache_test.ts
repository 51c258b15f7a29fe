import assert from "node:assert/strict";
import { join } from "node:path";
import {
  createHasher,
  openHasher,
  STAT_CACHE_FILE,
} from "../../../lib/pipeline/store/stat_cache.ts";
import { withTempDir } from "../../temp_dir.ts";
import { untilCtimeTicksPast } from "../ctime_tick.ts";

const ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
/** sha256("abd") */
const ABD = "a52d159f262b2c6ddb724a61840befc36eb30c88877a4030b65cbe86298449c9";
/** An mtime well in the past, so entries are not "racy". */
const PAST = new Date("2024-01-02T03:04:05.678Z");

const withRepo = withTempDir;

async function writeOld(path: string, text: string): Promise<void> {
  await Deno.writeTextFile(path, text);
  await Deno.utime(path, PAST, PAST);
}

Deno.test("hashPath of a file gives its SHA-256 and size", async () => {
  await withRepo(async (root) => {
    await writeOld(join(root, "a.txt"), "abc");
    const hasher = await createHasher(root);
    assert.deepEqual(await hasher.hashPath("a.txt"), { hash: ABC, size: 3 });
  });
});

Deno.test("hashPath of a missing path is undefined", async () => {
  await withRepo(async (root) => {
    const hasher = await createHasher(root);
    assert.equal(await hasher.hashPath("nope.txt"), undefined);
  });
});

Deno.test("a file edited in place with its size and mtime put back is rehashed", async () => {
  await withRepo(async (root) => {
    const path = join(root, "a.txt");
    await writeOld(path, "abc");
    const hasher = await createHasher(root);
    assert.equal((await hasher.hashPath("a.txt"))?.hash, ABC);
    // Rewrite in place (same inode), same size, then put the old mtime back (`touch -r`):
    // only the ctime, which nobody can set, tells.
    using file = await Deno.open(path, { write: true });
    await file.write(new TextEncoder().encode("abd"));
    await Deno.utime(path, PAST, PAST);
    assert.equal((await hasher.hashPath("a.txt"))?.hash, ABD);
  });
});

Deno.test("touching a file's mtime makes the stat cache rehash it", async () => {
  await withRepo(async (root) => {
    const path = join(root, "a.txt");
    await writeOld(path, "abc");
    const hasher = await createHasher(root);
    await hasher.hashPath("a.txt");
    using file = await Deno.open(path, { write: true });
    await file.write(new TextEncoder().encode("abd"));
    const later = new Date(PAST.getTime() + 1000);
    await Deno.utime(path, later, later);
    assert.equal((await hasher.hashPath("a.txt"))?.hash, ABD);
  });
});

Deno.test("the stat cache persists across hashers after flush", async () => {
  await withRepo(async (root) => {
    const path = join(root, "a.txt");
    await writeOld(path, "abc");
    const first = await createHasher(root);
    await first.hashPath("a.txt");
    await first.flush();
    const saved = JSON.parse(await Deno.readTextFile(join(root, STAT_CACHE_FILE)));
    const [size, mtime, ino, hash, , ctime] = saved.entries["a.txt"] as number[];
    assert.deepEqual([size, mtime, ino, hash], [
      3,
      PAST.getTime(),
      (await Deno.stat(path)).ino,
      ABC,
    ]);
    assert.equal(ctime, (await Deno.stat(path)).ctime?.getTime());
    // A stand-in hash, stamped as hashed well after the file's last change, is trusted:
    // the second hasher answers from the saved entry without reading the file.
    saved.entries["a.txt"][3] = ABD;
    saved.entries["a.txt"][4] = ctime + 60_000;
    await Deno.writeTextFile(join(root, STAT_CACHE_FILE), JSON.stringify(saved));
    const second = await createHasher(root);
    assert.equal((await second.hashPath("a.txt"))?.hash, ABD);
  });
});

Deno.test("a trusted entry is not used once an in-place edit changed the file's ctime", async () => {
  await withRepo(async (root) => {
    const path = join(root, "a.txt");
    await writeOld(path, "abc");
    const { ino, ctime } = await Deno.stat(path);
    // Hashed a minute after the file's last change: not racy, so only the stat decides.
    const entry = [3, PAST.getTime(), ino, ABC, ctime!.getTime() + 60_000, ctime!.getTime()];
    await Deno.mkdir(join(root, ".repro"));
    const doc = { version: 2, entries: { "a.txt": entry } };
    await Deno.writeTextFile(join(root, STAT_CACHE_FILE), JSON.stringify(doc));
    await untilCtimeTicksPast(root, ctime!.getTime());
    using file = await Deno.open(path, { write: true });
    await file.write(new TextEncoder().encode("abd"));
    await Deno.utime(path, PAST, PAST);
    assert.equal((await Deno.stat(path)).ino, ino);
    const hasher = await createHasher(root);
    assert.equal((await hasher.hashPath("a.txt"))?.hash, ABD);
  });
});

Deno.test("a stat cache entry saved before ctime was recorded is not trusted", async () => {
  await withRepo(async (root) => {
    await writeOld(join(root, "a.txt"), "abc");
    const { ino } = await Deno.stat(join(root, "a.txt"));
    await Deno.mkdir(join(root, ".repro"));
    const entries = { "a.txt": [3, PAST.getTime(), ino, ABD, Date.now() + 60_000] };
    await Deno.writeTextFile(join(root, STAT_CACHE_FILE), JSON.stringify({ version: 1, entries }));
    const hasher = await createHasher(root);
    assert.equal((await hasher.hashPath("a.txt"))?.hash, ABC);
  });
});

Deno.test("a file whose mtime is not older than its hashing is not trusted from the stat cache", async () => {
  await withRepo(async (root) => {
    const path = join(root, "a.txt");
    // An mtime ahead of the clock stands for "written in the same tick as it was hashed".
    const recent = new Date(Date.now() + 60_000);
    await Deno.writeTextFile(path, "abc");
    await Deno.utime(path, recent, recent);
    const hasher = await createHasher(root);
    assert.equal((await hasher.hashPath("a.txt"))?.hash, ABC);
    using file = await Deno.open(path, { write: true });
    await file.write(new TextEncoder().encode("abd"));
    await Deno.utime(path, recent, recent);
    assert.equal((await hasher.hashPath("a.txt"))?.hash, ABD);
  });
});

Deno.test("a directory hash is the manifest hash of its files, with total size and count", async () => {
  await withRepo(async (root) => {
    await Deno.mkdir(join(root, "out", "sub"), { recursive: true });
    await writeOld(join(root, "out", "a.txt"), "abc");
    await writeOld(join(root, "out", "sub", "b.txt"), "");
    const hasher = await createHasher(root);
    assert.deepEqual(await hasher.hashPath("out/"), {
      hash: "82cc28b4dec77ffcd63f2587876ce1c21e14cbc66e6234ac1aacf87ddd4f8fc4.dir",
      size: 3,
      nfiles: 2,
    });
    assert.equal((await hasher.hashPath("out/sub/b.txt"))?.hash, EMPTY);
  });
});

Deno.test("an empty directory hashes to the manifest of no files", async () => {
  await withRepo(async (root) => {
    await Deno.mkdir(join(root, "out"));
    const hasher = await createHasher(root);
    assert.deepEqual(await hasher.hashPath("out"), {
      hash: "4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945.dir",
      size: 0,
      nfiles: 0,
    });
  });
});

Deno.test("openHasher returns one shared hasher per repo root", async () => {
  await withRepo(async (root) => {
    assert.equal(await openHasher(root), await openHasher(join(root, ".")));
  });
});

Deno.test("flush without changes writes no stat cache file", async () => {
  await withRepo(async (root) => {
    const hasher = await createHasher(root);
    await hasher.flush();
    await assert.rejects(() => Deno.stat(join(root, STAT_CACHE_FILE)), Deno.errors.NotFound);
  });
});

Deno.test("a damaged stat cache file is ignored and rebuilt", async () => {
  await withRepo(async (root) => {
    await Deno.mkdir(join(root, ".repro"));
    await Deno.writeTextFile(join(root, STAT_CACHE_FILE), "{not json");
    await writeOld(join(root, "a.txt"), "abc");
    const hasher = await createHasher(root);
    assert.equal((await hasher.hashPath("a.txt"))?.hash, ABC);
    await hasher.flush();
    const saved = JSON.parse(await Deno.readTextFile(join(root, STAT_CACHE_FILE)));
    assert.equal(saved.entries["a.txt"][3], ABC);
  });
});
