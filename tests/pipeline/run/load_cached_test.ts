import assert from "node:assert/strict";
import {
  loadPipelineCached,
  LOCK_CACHE_FILE,
  LOCK_LOADER_FILES,
  readLockCached,
  SPEC_CACHE_FILE,
  SPEC_LOADER_FILES,
} from "../../../lib/pipeline/run/load_cached.ts";
import { readLock, writeLock } from "../../../lib/pipeline/store/lock.ts";
import { loadPipeline } from "../../../lib/pipeline/spec/load.ts";

const PIPELINE = `
params:
  a: { k: 1 }
stages:
  s:
    cmd: cp in.txt out.txt
    deps: [in.txt]
    params: [a.k]
    outs: [out.txt]
`;

async function repo(): Promise<string> {
  const root = await Deno.makeTempDir();
  await Deno.writeTextFile(`${root}/pipeline.yaml`, PIPELINE);
  await Deno.writeTextFile(`${root}/in.txt`, "x");
  return root;
}

Deno.test("the cached spec equals loadPipeline's, before and after the cache is written", async () => {
  const root = await repo();
  const fresh = await loadPipeline(root, { setParams: ["a.k=3"] });
  const first = await loadPipelineCached(root, ["a.k=3"]);
  const cacheWritten = await Deno.stat(`${root}/${SPEC_CACHE_FILE}`).then(() => true);
  const second = await loadPipelineCached(root, ["a.k=3"]);
  await Deno.remove(root, { recursive: true });
  assert.deepEqual(first, fresh);
  assert.deepEqual(second, fresh);
  assert.equal(cacheWritten, true);
});

Deno.test("an edited pipeline.yaml or other --set-param is parsed afresh", async () => {
  const root = await repo();
  await loadPipelineCached(root);
  const overridden = await loadPipelineCached(root, ["a.k=9"]);
  await Deno.writeTextFile(`${root}/pipeline.yaml`, PIPELINE.replace("k: 1", "k: 2"));
  const edited = await loadPipelineCached(root);
  await Deno.remove(root, { recursive: true });
  assert.deepEqual(overridden.params, { a: { k: 9 } });
  assert.deepEqual(edited.params, { a: { k: 2 } });
});

Deno.test("a deleted source dep makes the cached load fail like loadPipeline", async () => {
  const root = await repo();
  await loadPipelineCached(root);
  await Deno.remove(`${root}/in.txt`);
  await assert.rejects(() => loadPipelineCached(root), { name: "PipelineError" });
  await Deno.remove(root, { recursive: true });
});

Deno.test("the cached lock follows the lock file's content", async () => {
  const root = await repo();
  assert.deepEqual(await readLockCached(root), { schema: "1", stages: {} });
  const entry = { cmd: ["x"], deps: [], params: { "a.k": 1 }, outs: [] };
  await writeLock(root, { schema: "1", stages: { s: entry } });
  const first = await readLockCached(root);
  const cached = await readLockCached(root);
  await writeLock(root, { schema: "1", stages: { s: { ...entry, params: { "a.k": 2 } } } });
  const changed = await readLockCached(root);
  const expected = await readLock(root);
  const cacheWritten = await Deno.stat(`${root}/${LOCK_CACHE_FILE}`).then(() => true);
  await Deno.remove(root, { recursive: true });
  assert.deepEqual(first.stages.s.params, { "a.k": 1 });
  assert.deepEqual(cached, first);
  assert.deepEqual(changed, expected);
  assert.equal(cacheWritten, true);
});

Deno.test("every loader file the caches are keyed on exists, the spec loader and lock parser among them", async () => {
  const base = new URL("../../../lib/pipeline/run/load_cached.ts", import.meta.url);
  const files = [...SPEC_LOADER_FILES, ...LOCK_LOADER_FILES];
  const missing = [];
  for (const file of files) {
    if (!await Deno.stat(new URL(file, base)).then(() => true, () => false)) missing.push(file);
  }
  assert.deepEqual(missing, []);
  assert.ok(SPEC_LOADER_FILES.includes("../spec/load.ts"));
  assert.deepEqual(LOCK_LOADER_FILES, ["../store/lock.ts"]);
});
