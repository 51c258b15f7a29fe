import assert from "node:assert/strict";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import {
  openLogStore,
  openOutcomeStore,
  readLabelledRequests,
} from "../../lib/inference_log/mod.ts";

Deno.test("labelled rows come back with their inputs, and a shadow copy of a request is marked", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const sqlitePath = join(dir, "log.db");
    const store = await openLogStore({ sqlitePath });
    const base = { time: "2026-01-10T00:00:00Z", endpoint: "/predict", score: 0.2, tier: "low" };
    store.append([
      { ...base, requestId: "a", modelVersion: "v0001", inputs: { x: 1 }, pairId: "a" },
      { ...base, requestId: "b", modelVersion: "v0001", inputs: { x: 2 } },
      { ...base, requestId: "c", modelVersion: "v0001", inputs: { x: 3 } },
    ]);
    await store.flush();
    const outcomes = await openOutcomeStore({ sqlitePath });
    const now = new Date("2026-02-01T00:00:00Z");
    const rows = ["a", "b"].map((id) => ({
      request_id: id,
      outcome: 1,
      observed_at: "2026-01-20",
    }));
    assert.equal((await outcomes.record(rows, { now })).accepted, 2);
    await outcomes.close();
    // the challenger's shadow copy of request a, logged after the answer, labelled by hand
    store.append([{
      ...base,
      requestId: "a",
      modelVersion: "v0002",
      inputs: { x: 1 },
      pairId: "a",
    }]);
    await store.close();
    // (an outcome by request id would be ambiguous between the two rows: written directly)
    const db = new DatabaseSync(sqlitePath);
    db.exec(
      "insert into outcomes values (4, 'a', 0, '2026-01-20T00:00:00.000Z', '2026-02-01T00:00:00.000Z')",
    );
    db.close();
    const labelled = await readLabelledRequests(
      { sqlitePath },
      new Date("2026-01-01"),
      new Date("2026-02-01"),
    );
    assert.deepEqual(
      labelled.map((r) => [r.requestId, r.modelVersion, r.inputs.x, r.outcome, r.shadow]),
      [["a", "v0001", 1, 1, false], ["b", "v0001", 2, 1, false], ["a", "v0002", 1, 0, true]],
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
