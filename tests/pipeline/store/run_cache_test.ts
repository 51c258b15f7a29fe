import assert from "node:assert/strict";
import { join } from "node:path";
import type { LockEntry } from "../../../lib/pipeline/store/lock.ts";
import {
  loadRun,
  runCacheKey,
  runRelPath,
  saveRun,
} from "../../../lib/pipeline/store/run_cache.ts";
import { withTempDir } from "../../temp_dir.ts";

const H = "ab".repeat(32);

function entry(): LockEntry {
  return {
    cmd: ["echo hi"],
    deps: [{ path: "a.txt", hash: H, size: 3 }],
    params: { "train.eta": 0.1 },
    outs: [{ path: "out", hash: `${H}.dir`, size: 9, nfiles: 2 }],
  };
}

const withRepo = withTempDir;

Deno.test("runCacheKey is the SHA-256 of the canonical JSON of cmd, deps, params and outs", () => {
  // sha256('{"cmd":["echo hi"],"deps":{"a.txt":"x"},"outs":["out.txt"],"params":{"train.eta":0.1}}')
  assert.equal(
    runCacheKey({
      outs: ["out.txt"],
      params: { "train.eta": 0.1 },
      deps: { "a.txt": "x" },
      cmd: ["echo hi"],
    }),
    "4088122c3c925f4d1566baad8c3fb84982b0aa60fc0c9d39f726241d824f4080",
  );
});

Deno.test("runCacheKey changes with a param value", () => {
  const base = { cmd: ["x"], deps: {}, outs: [] };
  assert.notEqual(
    runCacheKey({ ...base, params: { "train.eta": 0.1 } }),
    runCacheKey({ ...base, params: { "train.eta": 0.05 } }),
  );
});

Deno.test("runRelPath shards entries by the key's first two characters", () => {
  assert.equal(runRelPath(H), `.repro/runs/ab/${H.slice(2)}.json`);
  assert.throws(() => runRelPath("../x"), TypeError);
});

Deno.test("a saved run loads back as the same lock entry", async () => {
  await withRepo(async (root) => {
    await saveRun(root, H, entry());
    assert.deepEqual(await loadRun(root, H), entry());
  });
});

Deno.test("loadRun of an unknown key is undefined", async () => {
  await withRepo(async (root) => {
    assert.equal(await loadRun(root, H), undefined);
  });
});

Deno.test("loadRun of a damaged entry is undefined", async () => {
  await withRepo(async (root) => {
    await saveRun(root, H, entry());
    await Deno.writeTextFile(join(root, runRelPath(H)), '{"cmd": "not a list"');
    assert.equal(await loadRun(root, H), undefined);
  });
});

Deno.test("runCacheKey changes with a state value and ignores an empty state", () => {
  const base = { cmd: ["x"], deps: {}, params: {}, outs: [] };
  assert.equal(runCacheKey({ ...base, state: {} }), runCacheKey(base));
  assert.notEqual(
    runCacheKey({ ...base, state: { "registry.champion": { id: "v0001", hash: H } } }),
    runCacheKey({ ...base, state: { "registry.champion": { id: "v0002", hash: H } } }),
  );
});
