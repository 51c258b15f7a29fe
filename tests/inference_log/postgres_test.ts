import assert from "node:assert/strict";
import { openLogStore } from "../../lib/inference_log/mod.ts";
import { makeRecords } from "./fixtures.ts";

// Port 1 on loopback refuses connections at once: a PostgreSQL log that is down.
const DOWN = "postgres://nobody:secret@127.0.0.1:1/nothing";

Deno.test("a PostgreSQL log that is down opens, accepts appends and counts its failures", async () => {
  const store = await openLogStore({ databaseUrl: DOWN, batchSize: 10, flushMs: 60_000 });
  store.append(makeRecords(5));
  await store.flush();
  assert.deepEqual(store.stats(), { written: 0, dropped: 0, failures: 1, pending: 5, lost: 0 });
  await store.close();
  assert.deepEqual(store.stats(), { written: 0, dropped: 5, failures: 2, pending: 0, lost: 0 });
});
