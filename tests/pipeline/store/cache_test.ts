import assert from "node:assert/strict";
import { join } from "node:path";
import {
  type Cache,
  objectRelPath,
  openCache,
  TEMP_DIR,
} from "../../../lib/pipeline/store/cache.ts";
import { hashBytes, hashFile } from "../../../lib/pipeline/store/hash.ts";
import type { LinkMode } from "../../../lib/pipeline/store/link.ts";
import { createHasher } from "../../../lib/pipeline/store/stat_cache.ts";
import { createRng } from "../../../lib/random/mod.ts";
import { withTempDir } from "../../temp_dir.ts";

const ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const DIR_HASH = "82cc28b4dec77ffcd63f2587876ce1c21e14cbc66e6234ac1aacf87ddd4f8fc4.dir";

const withRepo = withTempDir;

async function makeTree(root: string): Promise<void> {
  await Deno.mkdir(join(root, "out", "sub"), { recursive: true });
  await Deno.writeTextFile(join(root, "out", "a.txt"), "abc");
  await Deno.writeTextFile(join(root, "out", "sub", "b.txt"), "");
}

async function commitWith(root: string, path: string, modes?: LinkMode[]) {
  const cache = openCache(root, modes ? { linkModes: modes } : {});
  return { cache, hashed: await cache.commit(path, await createHasher(root)) };
}

async function readTree(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  async function walk(abs: string, rel: string): Promise<void> {
    for await (const entry of Deno.readDir(abs)) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory) await walk(join(abs, entry.name), childRel);
      else files[childRel] = await Deno.readTextFile(join(abs, entry.name));
    }
  }
  await walk(dir, "");
  return files;
}

Deno.test("objectRelPath shards file and manifest objects by the first two hex digits", () => {
  assert.equal(objectRelPath(ABC), `.repro/cache/objects/ba/${ABC.slice(2)}`);
  assert.equal(objectRelPath(DIR_HASH), `.repro/cache/objects/82/${DIR_HASH.slice(2)}`);
  assert.throws(() => objectRelPath("xyz"), TypeError);
});

Deno.test("commit stores a file as a read-only object named by its hash", async () => {
  await withRepo(async (root) => {
    await Deno.writeTextFile(join(root, "a.txt"), "abc");
    const { hashed } = await commitWith(root, "a.txt");
    assert.deepEqual(hashed, { hash: ABC, size: 3 });
    const object = join(root, objectRelPath(ABC));
    assert.equal(await Deno.readTextFile(object), "abc");
    assert.equal((await Deno.stat(object)).mode! & 0o777, 0o444);
  });
});

Deno.test("commit of a directory stores every file and the exact manifest", async () => {
  await withRepo(async (root) => {
    await makeTree(root);
    const { hashed, cache } = await commitWith(root, "out");
    assert.deepEqual(hashed, { hash: DIR_HASH, size: 3, nfiles: 2 });
    const manifest = await cache.readFileObject(DIR_HASH);
    assert.equal(
      new TextDecoder().decode(manifest),
      `[{"relpath":"a.txt","hash":"${ABC}","size":3},` +
        `{"relpath":"sub/b.txt","hash":"${hashBytes("")}","size":0}]`,
    );
    assert.equal(await cache.has(DIR_HASH), true);
  });
});

Deno.test("commit in hardlink mode links the work file to the object", async () => {
  await withRepo(async (root) => {
    await Deno.writeTextFile(join(root, "a.txt"), "abc");
    await commitWith(root, "a.txt", ["hardlink", "copy"]);
    const work = await Deno.stat(join(root, "a.txt"));
    const object = await Deno.stat(join(root, objectRelPath(ABC)));
    assert.equal(work.ino, object.ino);
  });
});

Deno.test("an edit through a hardlinked out is refused or caught by verification", async () => {
  await withRepo(async (root) => {
    await Deno.writeTextFile(join(root, "a.txt"), "abc");
    const { cache } = await commitWith(root, "a.txt", ["hardlink", "copy"]);
    const edited = await Deno.writeTextFile(join(root, "a.txt"), "xyz").then(
      () => true,
      (error) => {
        // Without root the read-only mode refuses the write.
        assert.ok(error instanceof Deno.errors.PermissionDenied);
        return false;
      },
    );
    if (edited) {
      // Root ignores the mode: the shared inode changed, and the object is caught as corrupt.
      assert.equal(await cache.checkout("a.txt", ABC), false);
      assert.equal(await cache.has(ABC), false);
    } else {
      assert.equal(await cache.checkout("a.txt", ABC), true);
    }
  });
});

Deno.test("commit in copy mode leaves the work file a separate writable file", async () => {
  await withRepo(async (root) => {
    await Deno.writeTextFile(join(root, "a.txt"), "abc");
    await commitWith(root, "a.txt", ["copy"]);
    const work = await Deno.stat(join(root, "a.txt"));
    const object = await Deno.stat(join(root, objectRelPath(ABC)));
    assert.notEqual(work.ino, object.ino);
    assert.equal(work.mode! & 0o200, 0o200);
  });
});

Deno.test("commit with link false never replaces the work file", async () => {
  await withRepo(async (root) => {
    await Deno.writeTextFile(join(root, "a.txt"), "abc");
    const before = await Deno.stat(join(root, "a.txt"));
    const cache = openCache(root, { linkModes: ["hardlink", "copy"] });
    await cache.commit("a.txt", await createHasher(root), { link: false });
    const after = await Deno.stat(join(root, "a.txt"));
    assert.equal(after.ino, before.ino);
    assert.notEqual(after.ino, (await Deno.stat(join(root, objectRelPath(ABC)))).ino);
  });
});

Deno.test("commit of a missing path throws NotFound naming it", async () => {
  await withRepo(async (root) => {
    const cache = openCache(root);
    await assert.rejects(
      () => createHasher(root).then((hasher) => cache.commit("gone.txt", hasher)),
      (error: Error) => error instanceof Deno.errors.NotFound && /"gone\.txt"/.test(error.message),
    );
  });
});

for (const mode of ["reflink", "hardlink", "copy"] as const) {
  Deno.test(`a deleted file out is restored by checkout (${mode} preferred)`, async () => {
    await withRepo(async (root) => {
      await Deno.writeTextFile(join(root, "a.txt"), "abc");
      const { cache } = await commitWith(root, "a.txt", [mode, "copy"]);
      await Deno.remove(join(root, "a.txt"));
      assert.equal(await cache.checkout("a.txt", ABC), true);
      assert.equal(await Deno.readTextFile(join(root, "a.txt")), "abc");
    });
  });
}

Deno.test("checkout replaces a modified file out with the cached content", async () => {
  await withRepo(async (root) => {
    await Deno.writeTextFile(join(root, "a.txt"), "abc");
    const { cache } = await commitWith(root, "a.txt", ["copy"]);
    await Deno.writeTextFile(join(root, "a.txt"), "changed");
    assert.equal(await cache.checkout("a.txt", ABC), true);
    assert.equal(await Deno.readTextFile(join(root, "a.txt")), "abc");
  });
});

Deno.test("checkout of a directory restores its files and removes stale ones", async () => {
  await withRepo(async (root) => {
    await makeTree(root);
    const { cache } = await commitWith(root, "out");
    await Deno.remove(join(root, "out", "a.txt"));
    await Deno.writeTextFile(join(root, "out", "stale.txt"), "old");
    assert.equal(await cache.checkout("out", DIR_HASH), true);
    assert.deepEqual(await readTree(join(root, "out")), { "a.txt": "abc", "sub/b.txt": "" });
    assert.deepEqual([...Deno.readDirSync(join(root, TEMP_DIR))].map((e) => e.name), []);
  });
});

Deno.test("checkout into a missing parent directory creates it", async () => {
  await withRepo(async (root) => {
    await makeTree(root);
    const { cache } = await commitWith(root, "out");
    await Deno.remove(join(root, "out"), { recursive: true });
    assert.equal(await cache.checkout("data/deep/out", DIR_HASH), true);
    assert.deepEqual(await readTree(join(root, "data/deep/out")), {
      "a.txt": "abc",
      "sub/b.txt": "",
    });
  });
});

Deno.test("checkout of a missing object returns false and leaves the work tree alone", async () => {
  await withRepo(async (root) => {
    await Deno.writeTextFile(join(root, "a.txt"), "mine");
    assert.equal(await openCache(root).checkout("a.txt", ABC), false);
    assert.equal(await Deno.readTextFile(join(root, "a.txt")), "mine");
  });
});

Deno.test("a corrupt file object is detected, deleted and checkout returns false", async () => {
  await withRepo(async (root) => {
    await Deno.writeTextFile(join(root, "a.txt"), "abc");
    const { cache } = await commitWith(root, "a.txt", ["copy"]);
    const object = join(root, objectRelPath(ABC));
    await Deno.chmod(object, 0o644);
    await Deno.writeTextFile(object, "abd");
    await Deno.remove(join(root, "a.txt"));
    assert.equal(await cache.checkout("a.txt", ABC), false);
    await assert.rejects(() => Deno.stat(object), Deno.errors.NotFound);
    await assert.rejects(() => Deno.stat(join(root, "a.txt")), Deno.errors.NotFound);
    assert.equal(await cache.has(ABC), false);
  });
});

Deno.test("a directory with a corrupt file object is not checked out", async () => {
  await withRepo(async (root) => {
    await makeTree(root);
    const { cache } = await commitWith(root, "out", ["copy"]);
    const object = join(root, objectRelPath(ABC));
    await Deno.chmod(object, 0o644);
    await Deno.writeTextFile(object, "xyz");
    await Deno.remove(join(root, "out"), { recursive: true });
    assert.equal(await cache.checkout("out", DIR_HASH), false);
    await assert.rejects(() => Deno.stat(object), Deno.errors.NotFound);
    await assert.rejects(() => Deno.stat(join(root, "out")), Deno.errors.NotFound);
  });
});

Deno.test("a corrupt object is replaced when the same content is committed again", async () => {
  await withRepo(async (root) => {
    await Deno.writeTextFile(join(root, "a.txt"), "abc");
    const { cache } = await commitWith(root, "a.txt", ["copy"]);
    const object = join(root, objectRelPath(ABC));
    await Deno.chmod(object, 0o644);
    await Deno.writeTextFile(object, "abd");
    await cache.commit("a.txt", await createHasher(root));
    assert.equal(await hashFile(object), ABC);
  });
});

Deno.test("readFileObject returns verified bytes, and undefined for a missing object", async () => {
  await withRepo(async (root) => {
    await Deno.writeTextFile(join(root, "a.txt"), "abc");
    const { cache } = await commitWith(root, "a.txt");
    assert.equal(new TextDecoder().decode(await cache.readFileObject(ABC)), "abc");
    assert.equal(await cache.readFileObject(hashBytes("other")), undefined);
  });
});

Deno.test("has is false for a directory whose file object is gone", async () => {
  await withRepo(async (root) => {
    await makeTree(root);
    const { cache } = await commitWith(root, "out", ["copy"]);
    await Deno.remove(join(root, objectRelPath(ABC)));
    assert.equal(await cache.has(DIR_HASH), false);
  });
});

Deno.test("kill -9 during commits leaves only complete, correctly named objects", async () => {
  await withRepo(async (root) => {
    const rng = createRng(11);
    for (let i = 0; i < 40; i++) {
      const data = new Uint8Array(256 * 1024);
      for (let j = 0; j < data.length; j += 512) data[j] = rng.int(0, 255);
      data[0] = i;
      await Deno.writeFile(join(root, `f${i}.bin`), data);
    }
    const libUrl = (name: string) =>
      new URL(`../../../lib/pipeline/store/${name}`, import.meta.url).href;
    const repoConfig = new URL("../../../deno.json", import.meta.url).pathname;
    const script = join(root, "commit_all.ts");
    await Deno.writeTextFile(
      script,
      `import { openCache } from "${libUrl("cache.ts")}";
import { createHasher } from "${libUrl("stat_cache.ts")}";
const root = ${JSON.stringify(root)};
const cache = openCache(root, { linkModes: ["copy"] });
const hasher = await createHasher(root);
for (let i = 0; i < 40; i++) {
  await cache.commit("f" + i + ".bin", hasher);
  if (i === 0) console.log("first committed");
}
`,
    );
    const child = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--no-lock", "--config", repoConfig, script],
      stdout: "piped",
      stderr: "null",
    }).spawn();
    const reader = child.stdout.getReader();
    await reader.read();
    child.kill("SIGKILL");
    await child.status;
    reader.releaseLock();
    await child.stdout.cancel();
    const objectsDir = join(root, ".repro/cache/objects");
    let objects = 0;
    for await (const shard of Deno.readDir(objectsDir)) {
      for await (const entry of Deno.readDir(join(objectsDir, shard.name))) {
        assert.equal(
          await hashFile(join(objectsDir, shard.name, entry.name)),
          shard.name + entry.name,
        );
        objects++;
      }
    }
    assert.ok(objects >= 1);
    const cache: Cache = openCache(root, { linkModes: ["copy"] });
    const hasher = await createHasher(root);
    for (let i = 0; i < 40; i++) await cache.commit(`f${i}.bin`, hasher);
    assert.equal(await cache.has((await hasher.hashPath("f39.bin"))!.hash), true);
  });
});

Deno.test("by default a committed or restored out never shares its object's inode", async () => {
  await withRepo(async (root) => {
    await Deno.writeTextFile(join(root, "a.txt"), "abc");
    const { cache } = await commitWith(root, "a.txt");
    const object = await Deno.stat(join(root, objectRelPath(ABC)));
    assert.notEqual((await Deno.stat(join(root, "a.txt"))).ino, object.ino);
    await Deno.remove(join(root, "a.txt"));
    assert.equal(await cache.checkout("a.txt", ABC), true);
    const restored = await Deno.stat(join(root, "a.txt"));
    assert.notEqual(restored.ino, object.ino);
    assert.equal(restored.mode! & 0o200, 0o200);
  });
});

Deno.test("checkout stages files beside the out, never in .repro/tmp (no rename across filesystems)", async () => {
  await withRepo(async (root) => {
    await makeTree(root);
    await Deno.writeTextFile(join(root, "a.txt"), "abc");
    const cache = openCache(root, { linkModes: ["copy"] });
    const hasher = await createHasher(root);
    const dir = await cache.commit("out", hasher);
    await cache.commit("a.txt", hasher);
    // A file where the scratch directory was: any use of it would now fail.
    await Deno.remove(join(root, TEMP_DIR), { recursive: true });
    await Deno.writeTextFile(join(root, TEMP_DIR), "");
    await Deno.remove(join(root, "out"), { recursive: true });
    await Deno.writeTextFile(join(root, "a.txt"), "old");
    assert.equal(await cache.checkout("out", dir.hash), true);
    assert.equal(await cache.checkout("a.txt", ABC), true);
    assert.deepEqual(await readTree(join(root, "out")), { "a.txt": "abc", "sub/b.txt": "" });
    assert.equal(await Deno.readTextFile(join(root, "a.txt")), "abc");
    const names = [];
    for await (const entry of Deno.readDir(root)) names.push(entry.name);
    assert.deepEqual(names.sort(), [".repro", "a.txt", "out"]);
  });
});

Deno.test("an out hardlinked before hardlinks became opt-in turns into a copy at its next checkout", async () => {
  await withRepo(async (root) => {
    await Deno.writeTextFile(join(root, "a.txt"), "abc");
    await commitWith(root, "a.txt", ["hardlink", "copy"]);
    const object = await Deno.stat(join(root, objectRelPath(ABC)));
    assert.equal((await Deno.stat(join(root, "a.txt"))).ino, object.ino);
    assert.equal(await openCache(root, { linkModes: ["copy"] }).checkout("a.txt", ABC), true);
    const work = await Deno.stat(join(root, "a.txt"));
    assert.notEqual(work.ino, object.ino);
    assert.equal(await Deno.readTextFile(join(root, "a.txt")), "abc");
    assert.equal(work.mode! & 0o200, 0o200);
  });
});
