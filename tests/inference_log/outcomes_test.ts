import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import {
  createMemoryOutcomeStore,
  openLogSink,
  openSqliteOutcomeStore,
} from "../../lib/inference_log/mod.ts";
import { defineOutcomeStoreTests, KEY, NOW, OUTCOME_LOG } from "./outcome_cases.ts";
import { makeRecords } from "./fixtures.ts";

defineOutcomeStoreTests("sqlite", async () => {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-outcomes-" });
  const path = join(dir, "log.db");
  const sink = await openLogSink({ sqlitePath: path });
  await sink.write(OUTCOME_LOG);
  await sink.close();
  const store = await openSqliteOutcomeStore(path);
  return {
    store,
    count: () => Promise.resolve(countOutcomes(path)),
    dispose: async () => {
      await store.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
});

defineOutcomeStoreTests("memory", () => {
  const store = createMemoryOutcomeStore(OUTCOME_LOG);
  return Promise.resolve({
    store,
    count: () => Promise.resolve(store.outcomes.length),
    dispose: () => store.close(),
  });
});

function countOutcomes(path: string): number {
  const db = new DatabaseSync(path);
  try {
    return Number(db.prepare("select count(*) as n from outcomes").get()!.n);
  } finally {
    db.close();
  }
}

Deno.test("a SQLite log written before outcomes existed opens and takes outcomes", async () => {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-outcomes-old-" });
  try {
    const path = join(dir, "log.db");
    // The log table exactly as the first release created it, with one row.
    const old = new DatabaseSync(path);
    old.exec(`create table inference_log (
      id integer primary key autoincrement, request_id text not null, "time" text not null,
      model_version text not null, endpoint text not null, inputs text not null, score real,
      tier text not null)`);
    old.prepare(
      `insert into inference_log (request_id, "time", model_version, endpoint, inputs, score, tier)
       values ('old-1', '2026-11-01T00:00:00.000Z', 'v0001', '/predict', '{"SK_ID_CURR":7}', 0.2, 'low')`,
    ).run();
    old.close();
    const store = await openSqliteOutcomeStore(path);
    const summary = await store.record(
      [{ id: 7, outcome: 1, observed_at: "2026-11-20" }],
      { now: NOW, key: KEY },
    );
    await store.close();
    assert.deepEqual([summary.accepted, summary.rows[0].requestId], [1, "old-1"]);
    // The log goes on taking records, and its old row is still there.
    const sink = await openLogSink({ sqlitePath: path });
    await sink.write(makeRecords(2));
    const rows = await sink.readWindow(new Date(0), new Date(Date.UTC(2100, 0)), 0, 10);
    await sink.close();
    assert.deepEqual(rows.map((r) => r.requestId), ["old-1", "req-1-0", "req-1-1"]);
    assert.equal(countOutcomes(path), 1);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
