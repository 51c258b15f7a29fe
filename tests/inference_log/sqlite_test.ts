import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { openLogStore, openSqliteSink } from "../../lib/inference_log/mod.ts";
import { makeRecords } from "./fixtures.ts";

Deno.test("records written to SQLite read back unchanged, with the journal in WAL mode", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "log", "log.db");
    const store = await openLogStore({ sqlitePath: path, batchSize: 3, flushMs: 60_000 });
    const records = makeRecords(7);
    store.append(records);
    await store.close();
    assert.deepEqual(store.stats(), { written: 7, dropped: 0, failures: 0, pending: 0, lost: 0 });
    const sink = await openSqliteSink(path);
    const back = await sink.readWindow(new Date(0), new Date(Date.UTC(2100, 0)), 0, 100);
    await sink.close();
    assert.deepEqual(back.map(({ id: _, ...rest }) => rest), records);
    const db = new DatabaseSync(path);
    assert.deepEqual({ ...db.prepare("pragma journal_mode").get() }, { journal_mode: "wal" });
    db.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("SQLite stores a record's own JSON bytes as text, as they are", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "log.db");
    const store = await openLogStore({ sqlitePath: path, flushMs: 60_000 });
    const [plain, withNul] = makeRecords(2);
    const spaced = '{ "a" : 1.50, "b": "\\\\u0000 é" }';
    const utf8 = (text: string) => new TextEncoder().encode(text);
    store.append([
      { ...plain, inputs: { a: 1.5, b: "\\u0000 é" }, inputsUtf8: utf8(spaced) },
      { ...withNul, inputs: { a: "x" }, inputsUtf8: utf8('{"a": "x\\u0000"}') },
    ]);
    await store.close();
    const db = new DatabaseSync(path);
    const texts = db.prepare("select inputs, typeof(inputs) as type from inference_log order by id")
      .all();
    db.close();
    assert.deepEqual(texts.map((r) => r.inputs), [spaced, '{"a": "x\\u0000"}']);
    assert.deepEqual(texts.map((r) => r.type), ["text", "text"]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a failing batch leaves no partial rows in SQLite", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const sink = await openSqliteSink(join(dir, "log.db"));
    const [a, b] = makeRecords(2);
    await assert.rejects(() => sink.write([a, { ...b, time: "not a date" }]), /not a date/);
    const back = await sink.readWindow(new Date(0), new Date(Date.UTC(2100, 0)), 0, 100);
    assert.equal(back.length, 0);
    await sink.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("readWindow pages by id within [from, to)", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const sink = await openSqliteSink(join(dir, "log.db"));
    const records = makeRecords(10); // one second apart from 2026-11-01T00:00:00Z
    await sink.write(records);
    const from = new Date(records[2].time);
    const to = new Date(records[8].time);
    const first = await sink.readWindow(from, to, 0, 4);
    const second = await sink.readWindow(from, to, first[3].id, 4);
    assert.deepEqual(
      [...first, ...second].map((r) => r.requestId),
      records.slice(2, 8).map((r) => r.requestId),
    );
    await sink.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a new SQLite log uses 16 KiB pages", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "log.db");
    const sink = await openSqliteSink(path);
    await sink.close();
    const db = new DatabaseSync(path);
    assert.deepEqual({ ...db.prepare("pragma page_size").get() }, { page_size: 16384 });
    db.close();
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a SQLite log made before the outlier columns gains them on open, old rows null", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "log.db");
    const old = new DatabaseSync(path);
    old.exec(`create table inference_log (
      id integer primary key autoincrement, request_id text not null, "time" text not null,
      model_version text not null, endpoint text not null, inputs text not null, score real,
      tier text not null)`);
    old.exec(`insert into inference_log (request_id, "time", model_version, endpoint, inputs,
      score, tier) values ('old-1', '2026-10-31T00:00:00.000Z', 'v0001', '/predict', '{}', 0.5, 'low')`);
    old.close();
    const store = await openLogStore({ sqlitePath: path, flushMs: 60_000 });
    const records = makeRecords(4);
    store.append(records);
    await store.close();
    const sink = await openSqliteSink(path);
    const back = await sink.readWindow(new Date(0), new Date(Date.UTC(2100, 0)), 0, 100);
    await sink.close();
    assert.equal(back.length, 5);
    assert.equal(back[0].requestId, "old-1");
    assert.equal("outlier" in back[0], false);
    assert.deepEqual(back.slice(1).map((r) => r.outlier), records.map((r) => r.outlier));
    assert.deepEqual(records.map((r) => r.outlier?.flag), [true, false, false, undefined]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
