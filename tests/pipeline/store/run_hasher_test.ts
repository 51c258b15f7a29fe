import assert from "node:assert/strict";
import { rememberingHasher } from "../../../lib/pipeline/store/run_hasher.ts";
import type { Hasher, PathHash } from "../../../lib/pipeline/store/stat_cache.ts";

/** A hasher over an in-memory table that counts the look-ups reaching it. */
function countingHasher(files: Map<string, string>) {
  const calls: string[] = [];
  const hasher: Hasher = {
    hashPath(relPath) {
      calls.push(relPath);
      if (relPath === "broken.txt") return Promise.reject(new Error("cannot read"));
      const content = files.get(relPath);
      return Promise.resolve(
        content === undefined ? undefined : { hash: content, size: content.length } as PathHash,
      );
    },
    flush: () => Promise.resolve(),
  };
  return { hasher, calls };
}

Deno.test("a path asked for twice (in any spelling) reaches the hasher once", async () => {
  const { hasher, calls } = countingHasher(new Map([["out/a.txt", "a"]]));
  const remembering = rememberingHasher(hasher);
  const answers = await Promise.all([
    remembering.hashPath("out/a.txt"),
    remembering.hashPath("./out/a.txt"),
  ]);
  assert.deepEqual(await remembering.hashPath("out/a.txt/"), answers[0]);
  assert.deepEqual(answers[0], { hash: "a", size: 1 });
  assert.deepEqual(calls, ["out/a.txt"]);
});

Deno.test("a missing path is remembered as missing until forget", async () => {
  const files = new Map<string, string>();
  const { hasher, calls } = countingHasher(files);
  const remembering = rememberingHasher(hasher);
  assert.equal(await remembering.hashPath("b.txt"), undefined);
  files.set("b.txt", "bb");
  assert.equal(await remembering.hashPath("b.txt"), undefined);
  remembering.forget();
  assert.deepEqual(await remembering.hashPath("b.txt"), { hash: "bb", size: 2 });
  assert.deepEqual(calls, ["b.txt", "b.txt"]);
});

Deno.test("a failed hash is not remembered: the next call asks again", async () => {
  const { hasher, calls } = countingHasher(new Map());
  const remembering = rememberingHasher(hasher);
  await assert.rejects(remembering.hashPath("broken.txt"), /cannot read/);
  await assert.rejects(remembering.hashPath("broken.txt"), /cannot read/);
  assert.deepEqual(calls, ["broken.txt", "broken.txt"]);
});
