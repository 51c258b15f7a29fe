import assert from "node:assert/strict";
import { join } from "node:path";
import { tempPathBeside, writeFileAtomic } from "../../../lib/pipeline/store/atomic.ts";

Deno.test("writeFileAtomic creates a file with the given text", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await writeFileAtomic(join(dir, "a.txt"), "hello");
    assert.equal(await Deno.readTextFile(join(dir, "a.txt")), "hello");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("writeFileAtomic replaces an existing file and leaves no temp file behind", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(join(dir, "a.txt"), "old content");
    await writeFileAtomic(join(dir, "a.txt"), new Uint8Array([1, 2, 3]));
    assert.deepEqual(await Deno.readFile(join(dir, "a.txt")), new Uint8Array([1, 2, 3]));
    const names = [];
    for await (const entry of Deno.readDir(dir)) names.push(entry.name);
    assert.deepEqual(names, ["a.txt"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("writeFileAtomic into a missing directory throws and creates nothing", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await assert.rejects(
      () => writeFileAtomic(join(dir, "missing", "a.txt"), "x"),
      Deno.errors.NotFound,
    );
    const names = [];
    for await (const entry of Deno.readDir(dir)) names.push(entry.name);
    assert.deepEqual(names, []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("tempPathBeside names a hidden .tmp file in the same directory", () => {
  const temp = tempPathBeside("/repo/data/out.json");
  assert.match(temp, /^\/repo\/data\/\.out\.json\.\d+-[0-9a-f]{8}\.tmp$/);
});
