import assert from "node:assert/strict";
import { join } from "node:path";
import {
  emptyLock,
  LOCK_RECOVERY_HINT,
  type LockFile,
  LockFileError,
  parseLock,
  readLock,
  serializeLock,
  writeLock,
} from "../../../lib/pipeline/store/lock.ts";

const H1 = "5d" + "a".repeat(62);
const H2 = "8a" + "b".repeat(62);

function sampleLock(): LockFile {
  return {
    schema: "1",
    stages: {
      features: {
        cmd: ["deno run -A stages/features.ts"],
        deps: [
          { path: "lib/features/application.ts", hash: H2, size: 2048 },
          { path: "data/raw/parquet", hash: `${H1}.dir`, size: 123456, nfiles: 7 },
        ],
        params: { "train.eta": 0.05, "data.seed": 42 },
        outs: [{ path: "data/features", hash: `${H1}.dir`, size: 4567, nfiles: 3 }],
      },
      split: { cmd: ["echo 'a: b' # not a comment"], deps: [], params: {}, outs: [] },
    },
  };
}

const EXPECTED = `schema: "1"
stages:
  features:
    cmd: [ deno run -A stages/features.ts ]
    deps:
      - { path: data/raw/parquet, hash: ${H1}.dir, size: 123456, nfiles: 7 }
      - { path: lib/features/application.ts, hash: ${H2}, size: 2048 }
    params: { data.seed: 42, train.eta: 0.05 }
    outs:
      - { path: data/features, hash: ${H1}.dir, size: 4567, nfiles: 3 }
  split:
    cmd: [ "echo 'a: b' # not a comment" ]
    deps: []
    params: {}
    outs: []
`;

Deno.test("serializeLock sorts deps and outs by path and params by key", () => {
  assert.equal(serializeLock(sampleLock()), EXPECTED);
});

Deno.test("a lock round-trips through parse and serialize byte for byte", () => {
  const text = serializeLock(sampleLock());
  assert.equal(serializeLock(parseLock(text)), text);
});

Deno.test("serializeLock keeps stages in the order given", () => {
  const lock = sampleLock();
  const reversed: LockFile = {
    schema: "1",
    stages: { split: lock.stages.split, features: lock.stages.features },
  };
  assert.deepEqual(Object.keys(parseLock(serializeLock(reversed)).stages), ["split", "features"]);
});

Deno.test("nested param values are written with sorted keys", () => {
  const lock: LockFile = {
    schema: "1",
    stages: { s: { cmd: ["x"], deps: [], params: { train: { b: 1, a: 2 } }, outs: [] } },
  };
  assert.match(serializeLock(lock), /params: \{ train: \{ a: 2, b: 1 \} \}/);
});

Deno.test("a hash that looks like a number is quoted and read back as a string", () => {
  const hash = "1234567890".repeat(6) + "1e10";
  const lock: LockFile = {
    schema: "1",
    stages: { s: { cmd: ["x"], deps: [{ path: "a", hash, size: 1 }], params: {}, outs: [] } },
  };
  assert.equal(parseLock(serializeLock(lock)).stages.s.deps[0].hash, hash);
});

Deno.test("parseLock names the stage and field of a malformed entry", () => {
  const text = `schema: "1"
stages:
  train:
    cmd: [ x ]
    deps:
      - { path: a, hash: nothex, size: 1 }
    params: {}
    outs: []
`;
  assert.throws(() => parseLock(text), (error: Error) => {
    assert.ok(error instanceof SyntaxError);
    assert.match(
      error.message,
      /^Cannot read pipeline\.lock: stage "train", field "deps\.0\.hash": /,
    );
    return true;
  });
});

Deno.test("parseLock rejects an unknown schema version", () => {
  assert.throws(
    () => parseLock('schema: "2"\nstages: {}\n'),
    /Cannot read pipeline\.lock: field "schema": expected "1", got "2"/,
  );
});

Deno.test("readLock of a repo without pipeline.lock is an empty lock", async () => {
  const dir = await Deno.makeTempDir();
  try {
    assert.deepEqual(await readLock(dir), { schema: "1", stages: {} });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("writeLock then readLock returns the same lock", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await writeLock(dir, sampleLock());
    assert.equal(await Deno.readTextFile(join(dir, "pipeline.lock")), EXPECTED);
    assert.equal(serializeLock(await readLock(dir)), EXPECTED);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a stage's state round-trips through the lock, one flow mapping per state", () => {
  const lock: LockFile = {
    schema: "1",
    stages: {
      evaluate: {
        cmd: ["x"],
        deps: [],
        params: {},
        outs: [],
        state: { "registry.champion": { id: "v0001", hash: H1 } },
      },
    },
  };
  const text = serializeLock(lock);
  assert.match(text, new RegExp(`registry.champion: \\{ id: v0001, hash: ${H1} \\}`));
  assert.deepEqual(parseLock(text), lock);
  const none = serializeLock({
    schema: "1",
    stages: {
      evaluate: {
        ...lock.stages.evaluate,
        state: { "registry.champion": { id: "none", hash: "" } },
      },
    },
  });
  assert.deepEqual(parseLock(none).stages.evaluate.state, {
    "registry.champion": { id: "none", hash: "" },
  });
});

Deno.test("a truncated lock is refused naming the YAML error, with the recovery hint", () => {
  const truncated = EXPECTED.slice(0, EXPECTED.indexOf("size: 123456") + 7);
  assert.throws(() => parseLock(truncated), (error: Error) => {
    assert.equal(error.name, "LockFileError");
    assert.match(error.message, /^Cannot read pipeline\.lock: invalid YAML: /);
    assert.ok(!error.message.includes("\n"), error.message);
    assert.ok(error.message.endsWith(`; ${LOCK_RECOVERY_HINT}`), error.message);
    return true;
  });
});

Deno.test("an empty pipeline.lock is refused rather than read as nothing ran", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(join(dir, "pipeline.lock"), "");
    await assert.rejects(
      () => readLock(dir),
      new LockFileError("Cannot read pipeline.lock: the file is empty"),
    );
    // A lock of no stages, as the runner writes it, is fine.
    await Deno.writeTextFile(join(dir, "pipeline.lock"), serializeLock(emptyLock()));
    assert.deepEqual(await readLock(dir), emptyLock());
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
