import assert from "node:assert/strict";
import type { LockEntry, LockFile } from "../../../lib/pipeline/store/lock.ts";
import { createLockWriter } from "../../../lib/pipeline/run/lock_writer.ts";

const entry = (cmd: string): LockEntry => ({ cmd: [cmd], deps: [], params: {}, outs: [] });

Deno.test("updates made during a write are coalesced into the next one", async () => {
  const writes: string[][] = [];
  let releaseFirst = () => {};
  const first = new Promise<void>((resolve) => releaseFirst = resolve);
  const lock: LockFile = { schema: "1", stages: {} };
  const writer = createLockWriter("/repo", lock, ["a", "b", "c"], {
    intervalMs: 0,
    write: (_root, l) => {
      writes.push(Object.keys(l.stages));
      return writes.length === 1 ? first : Promise.resolve();
    },
  });
  writer.update("a", entry("a"));
  writer.update("b", entry("b"));
  writer.update("c", entry("c"));
  releaseFirst();
  await writer.flush();
  assert.deepEqual(writes, [["a"], ["a", "b", "c"]]);
});

Deno.test("flush writes pending updates without waiting out the interval", async () => {
  const writes: string[][] = [];
  const lock: LockFile = { schema: "1", stages: {} };
  const writer = createLockWriter("/repo", lock, ["a", "b"], {
    intervalMs: 1e9,
    write: (_root, l) => {
      writes.push(Object.keys(l.stages));
      return Promise.resolve();
    },
  });
  writer.update("a", entry("a"));
  await Promise.resolve();
  writer.update("b", entry("b"));
  await writer.flush();
  assert.deepEqual(writes.at(-1), ["a", "b"]);
});

Deno.test("the written lock keeps pipeline order and drops stages no longer declared", async () => {
  const written: LockFile[] = [];
  const lock: LockFile = { schema: "1", stages: { gone: entry("gone"), b: entry("old b") } };
  const writer = createLockWriter("/repo", lock, ["a", "b"], {
    write: (_root, l) => {
      written.push(structuredClone(l));
      return Promise.resolve();
    },
  });
  writer.update("a", entry("a"));
  await writer.flush();
  assert.deepEqual(written.at(-1), { schema: "1", stages: { a: entry("a"), b: entry("old b") } });
});

Deno.test("a failed write is reported by flush", async () => {
  const lock: LockFile = { schema: "1", stages: {} };
  const writer = createLockWriter("/repo", lock, ["a"], {
    write: () => Promise.reject(new Error("disk full")),
  });
  writer.update("a", entry("a"));
  await assert.rejects(() => writer.flush(), /disk full/);
});
