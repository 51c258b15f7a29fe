import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { LOG_TABLE, openLogStore } from "../../lib/inference_log/mod.ts";
import { makeRecords } from "./fixtures.ts";

function rowsIn(path: string): string[] {
  const db = new DatabaseSync(path);
  try {
    return db.prepare(`select request_id from ${LOG_TABLE} order by id`).all()
      .map((r) => String(r.request_id));
  } finally {
    db.close();
  }
}

async function removeDb(path: string): Promise<void> {
  for (const suffix of ["", "-wal", "-shm"]) {
    await Deno.remove(path + suffix).catch(() => {});
  }
}

Deno.test("a log database deleted while appending is recreated with the later records, and the loss is counted", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "log.db");
    const store = await openLogStore({ sqlitePath: path, batchSize: 10, flushMs: 60_000 });
    const before = makeRecords(30, 1);
    store.append(before);
    await store.flush();
    assert.equal(store.stats().written, 30);
    await removeDb(path);
    const after = makeRecords(25, 2);
    store.append(after);
    await store.close();
    assert.deepEqual(rowsIn(path), after.map((r) => r.requestId));
    const stats = store.stats();
    assert.equal(stats.lost, 30);
    assert.equal(stats.written, 55);
    assert.equal(stats.dropped, 0);
    // What the file holds, what was counted lost and dropped add up to what was appended.
    assert.equal(rowsIn(path).length + stats.lost + stats.dropped, before.length + after.length);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a log database replaced by another file is reopened at its path", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "log.db");
    const store = await openLogStore({ sqlitePath: path, batchSize: 5, flushMs: 60_000 });
    store.append(makeRecords(5, 1));
    await store.flush();
    await Deno.rename(path, join(dir, "rotated.db"));
    await Deno.remove(path + "-wal").catch(() => {});
    await Deno.remove(path + "-shm").catch(() => {});
    const other = new DatabaseSync(path);
    other.close();
    const after = makeRecords(5, 2);
    store.append(after);
    await store.close();
    assert.deepEqual(rowsIn(path), after.map((r) => r.requestId));
    assert.equal(store.stats().lost, 5);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a log database left in place loses nothing", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "log.db");
    const store = await openLogStore({ sqlitePath: path, batchSize: 4, flushMs: 60_000 });
    store.append(makeRecords(10));
    await store.close();
    assert.deepEqual(store.stats(), { written: 10, dropped: 0, failures: 0, pending: 0, lost: 0 });
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
