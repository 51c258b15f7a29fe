import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { openLogStore, openSqliteSink } from "../../lib/inference_log/mod.ts";
import { makeRecords } from "./fixtures.ts";

const WHOLE = [new Date(0), new Date(Date.UTC(2100, 0))] as const;

Deno.test("a shadow pair's pair id, shadow flag and latencies are stored in SQLite and read back", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "log.db");
    const store = await openLogStore({ sqlitePath: path, flushMs: 60_000 });
    const [champion, challenger, alone] = makeRecords(3);
    const records = [
      { ...champion, pairId: "req-7", latencyMs: 1.25 },
      { ...challenger, modelVersion: "v0002", pairId: "req-7", shadow: true, latencyMs: 3.5 },
      alone,
    ];
    store.append(records);
    await store.close();
    const sink = await openSqliteSink(path);
    const back = await sink.readWindow(...WHOLE, 0, 100);
    await sink.close();
    assert.deepEqual(back.map(({ id: _, ...rest }) => rest), records);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a SQLite log from before pair ids gets the column and keeps its rows", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const path = join(dir, "old.db");
    // The table as riskpipe made it before shadow releases, with one row.
    const old = new DatabaseSync(path);
    old.exec(`create table inference_log (
      id integer primary key autoincrement, request_id text not null, "time" text not null,
      model_version text not null, endpoint text not null, inputs text not null,
      score real, tier text not null)`);
    old.exec(
      `insert into inference_log (request_id, "time", model_version, endpoint, inputs, score, tier)
      values ('old-1', '2026-11-01T00:00:00.000Z', 'v0001', '/predict', '{"a":1}', 0.25, 'low')`,
    );
    old.close();
    const store = await openLogStore({ sqlitePath: path, flushMs: 60_000 });
    const [record] = makeRecords(1);
    store.append([{ ...record, pairId: "req-1" }]);
    await store.close();
    assert.equal(store.stats().written, 1);
    const sink = await openSqliteSink(path);
    const back = await sink.readWindow(...WHOLE, 0, 100);
    await sink.close();
    assert.deepEqual(back.map((r) => [r.requestId, r.pairId]), [
      ["old-1", undefined],
      [record.requestId, "req-1"],
    ]);
    const db = new DatabaseSync(path);
    const columns = db.prepare("pragma table_info(inference_log)").all().map((c) => c.name);
    db.close();
    // Every column added since that table shipped, in the order they were added.
    assert.deepEqual(columns.slice(-5), [
      "pair_id",
      "outlier_score",
      "outlier_flag",
      "shadow",
      "latency_ms",
    ]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
