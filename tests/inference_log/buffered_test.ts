import assert from "node:assert/strict";
import { createBufferedLogStore } from "../../lib/inference_log/mod.ts";
import { createFlakySink, makeRecords } from "./fixtures.ts";

Deno.test("append returns before anything is written and flush writes in batches of batchSize", async () => {
  const sink = createFlakySink();
  const store = createBufferedLogStore(sink, { batchSize: 4, flushMs: 60_000 });
  for (const record of makeRecords(10)) store.append([record]);
  assert.deepEqual(sink.batches, []);
  assert.equal(store.stats().pending, 10);
  await store.flush();
  assert.deepEqual(sink.batches, [4, 4, 2]);
  assert.deepEqual(store.stats(), { written: 10, dropped: 0, failures: 0, pending: 0, lost: 0 });
  assert.deepEqual(sink.rows.map((r) => r.requestId), makeRecords(10).map((r) => r.requestId));
  await store.close();
});

Deno.test("a backlog behind a slow sink drains in large writes and loses nothing", async () => {
  // Each write takes a timer turn, as a worker round trip does on a busy event loop; 50
  // appends of 400 records arrive one turn apart. At batchSize records a write the queue
  // would pass maxPending and drop the oldest; past 20 batches queued, writes take more.
  const sink = createFlakySink();
  const slow = { ...sink, write: (records: typeof rows) => sink.write(records).then(tick) };
  const store = createBufferedLogStore(slow, {
    batchSize: 100,
    maxBatchSize: 5_000,
    flushMs: 60_000,
    maxPending: 5_000,
  });
  const rows = makeRecords(400);
  for (let i = 0; i < 50; i++) {
    store.append(rows);
    await tick();
  }
  await store.close();
  assert.deepEqual(store.stats(), {
    written: 20_000,
    dropped: 0,
    failures: 0,
    pending: 0,
    lost: 0,
  });
  assert.ok(sink.batches.some((size) => size > 100), sink.batches.join(","));
});

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

Deno.test("while the sink is down appends still return, failures are counted and nothing is lost below maxPending", async () => {
  const sink = createFlakySink();
  const store = createBufferedLogStore(sink, { batchSize: 5, flushMs: 60_000, maxPending: 100 });
  sink.down = true;
  store.append(makeRecords(12));
  await store.flush();
  await store.flush();
  assert.deepEqual(store.stats(), { written: 0, dropped: 0, failures: 2, pending: 12, lost: 0 });
  sink.down = false;
  await store.flush();
  assert.deepEqual(store.stats(), { written: 12, dropped: 0, failures: 2, pending: 0, lost: 0 });
  assert.deepEqual(sink.rows.map((r) => r.requestId), makeRecords(12).map((r) => r.requestId));
  await store.close();
});

Deno.test("past maxPending during an outage the oldest records are dropped and counted", async () => {
  const sink = createFlakySink();
  const store = createBufferedLogStore(sink, { batchSize: 3, flushMs: 60_000, maxPending: 5 });
  sink.down = true;
  const records = makeRecords(8);
  store.append(records);
  await store.flush();
  assert.deepEqual(store.stats(), { written: 0, dropped: 3, failures: 1, pending: 5, lost: 0 });
  sink.down = false;
  await store.flush();
  assert.deepEqual(sink.rows.map((r) => r.requestId), records.slice(3).map((r) => r.requestId));
  assert.deepEqual(store.stats(), { written: 5, dropped: 3, failures: 1, pending: 0, lost: 0 });
  await store.close();
});

Deno.test("close flushes every buffered record", async () => {
  const sink = createFlakySink();
  const store = createBufferedLogStore(sink, { batchSize: 1000, flushMs: 60_000 });
  store.append(makeRecords(7));
  await store.close();
  assert.equal(sink.rows.length, 7);
  assert.deepEqual(store.stats(), { written: 7, dropped: 0, failures: 0, pending: 0, lost: 0 });
});

Deno.test("close with the sink down counts the unwritten records as dropped", async () => {
  const sink = createFlakySink();
  const store = createBufferedLogStore(sink, { batchSize: 10, flushMs: 60_000 });
  sink.down = true;
  store.append(makeRecords(4));
  await store.close();
  assert.deepEqual(store.stats(), { written: 0, dropped: 4, failures: 1, pending: 0, lost: 0 });
});

Deno.test("records appended after close and records with an unreadable time are dropped, not thrown", async () => {
  const sink = createFlakySink();
  const store = createBufferedLogStore(sink, { flushMs: 60_000 });
  const [good, bad] = makeRecords(2);
  store.append([good, { ...bad, time: "yesterday-ish" }]);
  await store.close();
  store.append(makeRecords(3));
  assert.deepEqual(store.stats(), { written: 1, dropped: 4, failures: 0, pending: 0, lost: 0 });
});

Deno.test("a full batch is written off the request path without an explicit flush", async () => {
  const sink = createFlakySink();
  const written = Promise.withResolvers<void>();
  const write = sink.write;
  sink.write = async (records) => {
    await write(records);
    written.resolve();
  };
  const store = createBufferedLogStore(sink, { batchSize: 3, flushMs: 60_000 });
  store.append(makeRecords(3));
  assert.deepEqual(sink.batches, []);
  await written.promise;
  assert.deepEqual(sink.batches, [3]);
  await store.close();
});

Deno.test("after an outage the retry timer writes the buffered records without an explicit flush", async () => {
  const sink = createFlakySink();
  const failed = Promise.withResolvers<void>();
  const written = Promise.withResolvers<void>();
  const write = sink.write;
  sink.write = async (records) => {
    try {
      await write(records);
      written.resolve();
    } catch (error) {
      failed.resolve();
      throw error;
    }
  };
  const store = createBufferedLogStore(sink, { batchSize: 2, flushMs: 1, maxBackoffMs: 10 });
  sink.down = true;
  store.append(makeRecords(2));
  await failed.promise;
  sink.down = false;
  await written.promise;
  await store.flush();
  assert.deepEqual(store.stats(), { written: 2, dropped: 0, failures: 1, pending: 0, lost: 0 });
  await store.close();
});

Deno.test("appended records are normalised: ISO time, text without NUL, numeric score", async () => {
  const sink = createFlakySink();
  const store = createBufferedLogStore(sink, { flushMs: 60_000 });
  const [record] = makeRecords(1);
  store.append([{
    ...record,
    requestId: "a\0b",
    time: "2026-11-01T01:00:00+01:00",
    score: "0.25" as unknown as number,
  }]);
  await store.close();
  assert.deepEqual(sink.rows, [{
    ...record,
    requestId: "ab",
    time: "2026-11-01T00:00:00.000Z",
    score: 0.25,
  }]);
});
