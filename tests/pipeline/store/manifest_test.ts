import assert from "node:assert/strict";
import { join } from "node:path";
import {
  isDirHash,
  listFiles,
  manifestHash,
  parseManifest,
  serializeManifest,
} from "../../../lib/pipeline/store/manifest.ts";

const ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
const EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

Deno.test("serializeManifest sorts by relpath and writes relpath, hash, size without spaces", () => {
  const text = serializeManifest([
    { relpath: "sub/b.txt", hash: EMPTY, size: 0 },
    { relpath: "a.txt", hash: ABC, size: 3 },
  ]);
  assert.equal(
    text,
    `[{"relpath":"a.txt","hash":"${ABC}","size":3},{"relpath":"sub/b.txt","hash":"${EMPTY}","size":0}]`,
  );
});

Deno.test("manifestHash is the SHA-256 of the manifest JSON with the .dir suffix", () => {
  const hash = manifestHash([
    { relpath: "a.txt", hash: ABC, size: 3 },
    { relpath: "sub/b.txt", hash: EMPTY, size: 0 },
  ]);
  assert.equal(hash, "82cc28b4dec77ffcd63f2587876ce1c21e14cbc66e6234ac1aacf87ddd4f8fc4.dir");
  assert.ok(isDirHash(hash));
  assert.ok(!isDirHash(ABC));
});

Deno.test("parseManifest reads back what serializeManifest wrote", () => {
  const entries = [{ relpath: "a.txt", hash: ABC, size: 3 }];
  assert.deepEqual(parseManifest(serializeManifest(entries)), entries);
});

Deno.test("parseManifest rejects an entry without a hash", () => {
  assert.throws(() => parseManifest('[{"relpath":"a","size":1}]'), SyntaxError);
});

Deno.test("listFiles lists nested files as sorted POSIX relpaths and skips empty dirs", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(join(dir, "z", "y"), { recursive: true });
    await Deno.mkdir(join(dir, "empty"));
    await Deno.writeTextFile(join(dir, "z", "y", "deep.txt"), "d");
    await Deno.writeTextFile(join(dir, "b.txt"), "b");
    await Deno.writeTextFile(join(dir, "a.txt"), "a");
    assert.deepEqual(await listFiles(dir), ["a.txt", "b.txt", "z/y/deep.txt"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
