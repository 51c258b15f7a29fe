import assert from "node:assert/strict";
import {
  fingerprintStage,
  formatParamValue,
  hasherWithLockedOuts,
  namedParamValues,
  type StageFingerprint,
  staleReasons,
  toLockEntry,
} from "../../../lib/pipeline/run/fingerprint.ts";
import type { LockEntry } from "../../../lib/pipeline/store/lock.ts";
import { stageParamValues } from "../../../lib/pipeline/spec/params.ts";
import { createHasher, type Hasher } from "../../../lib/pipeline/store/stat_cache.ts";
import type { PipelineSpec, StageSpec } from "../../../lib/pipeline/spec/types.ts";

const HEX_A = "a".repeat(64);
const HEX_B = "b".repeat(64);

function stage(overrides: Partial<StageSpec> = {}): StageSpec {
  return {
    name: "train",
    cmd: ["deno run -A stages/train.ts"],
    deps: ["data/train.csv"],
    params: ["train.eta"],
    outs: [{ path: "model.json", cache: true, persist: false, kind: "out" }],
    alwaysChanged: false,
    frozen: false,
    ...overrides,
  };
}

function fingerprint(overrides: Partial<StageFingerprint> = {}): StageFingerprint {
  return {
    stage: "train",
    cmd: ["deno run -A stages/train.ts"],
    deps: [{ path: "data/train.csv", hash: HEX_A, size: 10 }],
    missingDeps: [],
    params: { "train.eta": 0.1 },
    outs: ["model.json"],
    state: {},
    ...overrides,
  };
}

const ENTRY: LockEntry = toLockEntry(fingerprint(), [
  { path: "model.json", hash: HEX_B, size: 3 },
]);

Deno.test("a fingerprint equal to its lock entry has no stale reasons", () => {
  assert.deepEqual(staleReasons(stage(), fingerprint(), ENTRY), []);
});

Deno.test("a stage without a lock entry was never run", () => {
  assert.deepEqual(staleReasons(stage(), fingerprint(), undefined), ["never run"]);
});

Deno.test("a changed param is reported with its old and new value", () => {
  const changed = fingerprint({ params: { "train.eta": 0.05 } });
  assert.deepEqual(staleReasons(stage(), changed, ENTRY), ["param train.eta 0.1 → 0.05"]);
});

Deno.test("cmd, dep and out declaration changes each give their reason", () => {
  const changed = fingerprint({
    cmd: ["deno run -A stages/train2.ts"],
    deps: [
      { path: "data/train.csv", hash: HEX_B, size: 10 },
      { path: "lib/model.ts", hash: HEX_A, size: 5 },
    ],
    outs: ["model.json", "model.onnx"],
  });
  assert.deepEqual(staleReasons(stage(), changed, ENTRY), [
    "cmd changed",
    'dep "data/train.csv" modified',
    'dep "lib/model.ts" added',
    'out "model.onnx" added',
  ]);
});

Deno.test("a dep gone from the stage is removed, a dep gone from disk is missing", () => {
  assert.deepEqual(staleReasons(stage(), fingerprint({ deps: [] }), ENTRY), [
    'dep "data/train.csv" removed',
  ]);
  const missing = fingerprint({ deps: [], missingDeps: ["data/train.csv"] });
  assert.deepEqual(staleReasons(stage(), missing, ENTRY), ['dep "data/train.csv" missing']);
});

Deno.test("an always_changed stage is stale even when nothing changed", () => {
  assert.deepEqual(
    staleReasons(stage({ alwaysChanged: true }), fingerprint(), ENTRY),
    ["always_changed"],
  );
});

Deno.test("param values are shown bare, strings quoted", () => {
  assert.equal(formatParamValue(0.1), "0.1");
  assert.equal(formatParamValue("synthetic"), '"synthetic"');
  assert.equal(formatParamValue({ b: 1, a: [true] }), '{"a":[true],"b":1}');
});

Deno.test("named param values equal params.ts stageParamValues", () => {
  const spec: PipelineSpec = {
    params: { train: { eta: 0.1, depth: { max: 6 } }, data: { seed: 42 } },
    stages: [],
  };
  const s = stage({ params: ["train.depth.max", "data.seed", "train"] });
  assert.deepEqual(namedParamValues(spec, s), stageParamValues(spec, s));
  assert.deepEqual(Object.keys(namedParamValues(spec, s)), [
    "data.seed",
    "train",
    "train.depth.max",
  ]);
});

Deno.test("a fingerprint hashes declared deps sorted and lists missing ones", async () => {
  const root = await Deno.makeTempDir();
  await Deno.writeTextFile(`${root}/b.txt`, "b");
  await Deno.writeTextFile(`${root}/a.txt`, "a");
  const s = stage({ cmd: ["cat a.txt b.txt"], deps: ["b.txt", "gone.txt", "a.txt"], params: [] });
  const fp = await fingerprintStage({
    root,
    spec: { params: {}, stages: [s] },
    hasher: await createHasher(root),
  }, s);
  await Deno.remove(root, { recursive: true });
  assert.deepEqual(fp.deps, [
    {
      path: "a.txt",
      hash: "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb",
      size: 1,
    },
    {
      path: "b.txt",
      hash: "3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d",
      size: 1,
    },
  ]);
  assert.deepEqual(fp.missingDeps, ["gone.txt"]);
  assert.deepEqual(fp.outs, ["model.json"]);
});

Deno.test("a missing upstream out is answered with its locked hash for status", async () => {
  const inner: Hasher = {
    hashPath: () => Promise.resolve(undefined),
    flush: () => Promise.resolve(),
  };
  const hasher = hasherWithLockedOuts(
    inner,
    (path) => path === "model.json" ? "train" : undefined,
    (name) => name === "train" ? ENTRY : undefined,
  );
  assert.deepEqual(await hasher.hashPath("model.json"), {
    hash: HEX_B,
    size: 3,
    nfiles: undefined,
  });
  assert.equal(await hasher.hashPath("other.json"), undefined);
});

const CHAMPION_1 = { id: "v0001", hash: HEX_A };
const CHAMPION_2 = { id: "v0002", hash: HEX_B };

Deno.test("a changed state is a reason naming the old and new id", () => {
  const withState = stage({ state: ["registry.champion"] });
  const locked = toLockEntry(fingerprint({ state: { "registry.champion": CHAMPION_1 } }), []);
  assert.deepEqual(locked.state, { "registry.champion": CHAMPION_1 });
  const now = fingerprint({ state: { "registry.champion": CHAMPION_2 } });
  assert.deepEqual(staleReasons(withState, now, { ...locked, outs: ENTRY.outs }), [
    'state "registry.champion" changed (v0001 → v0002)',
  ]);
  const sameId = fingerprint({ state: { "registry.champion": { id: "v0001", hash: HEX_B } } });
  assert.deepEqual(staleReasons(withState, sameId, { ...locked, outs: ENTRY.outs }), [
    'state "registry.champion" changed (v0001, new content)',
  ]);
});

Deno.test("a state newly declared or no longer declared is a reason", () => {
  const now = fingerprint({ state: { "registry.champion": CHAMPION_1 } });
  assert.deepEqual(staleReasons(stage(), now, ENTRY), ['state "registry.champion" added']);
  const locked = { ...ENTRY, state: { "registry.champion": CHAMPION_1 } };
  assert.deepEqual(staleReasons(stage(), fingerprint(), locked), [
    'state "registry.champion" removed',
  ]);
});

Deno.test("a stage without state gets no state in its lock entry", () => {
  assert.equal("state" in toLockEntry(fingerprint(), []), false);
});
