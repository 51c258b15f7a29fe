/**
 * The behaviours every outcome store must have, as tests a backend's test file registers
 * with its own set-up (SQLite here, PostgreSQL in tests/integration).
 */
import assert from "node:assert/strict";
import type { InferenceRecord, OutcomeStore } from "../../lib/inference_log/mod.ts";

/** A store over a log holding {@link OUTCOME_LOG}, and how many outcomes it holds. */
export interface OutcomeBackend {
  store: OutcomeStore;
  /** Outcome rows stored. */
  count(): Promise<number>;
  dispose(): Promise<void>;
}

const T0 = Date.UTC(2026, 10, 1);
const HOUR = 3_600_000;
const at = (ms: number) => new Date(T0 + ms).toISOString();

/** The time the tests run at: every observation after it is in the future. */
export const NOW = new Date(Date.UTC(2026, 11, 1));
/** Key column of the logged rows. */
export const KEY = "SK_ID_CURR";

function logged(requestId: string, key: number, ms: number): InferenceRecord {
  return {
    requestId,
    time: at(ms),
    modelVersion: "v0001",
    endpoint: requestId === "batch" ? "/predict/batch" : "/predict",
    inputs: { [KEY]: key, AMT_CREDIT: 1000 + key },
    score: 0.1,
    tier: "low",
  };
}

/**
 * The log: applicant 100 scored twice (request "a", then "c" two days later), one batch
 * request scoring 101 and 102, and request "s" for 103 in a shadow release (the
 * champion's answer and the challenger's shadow row, one pair).
 */
export const OUTCOME_LOG: InferenceRecord[] = [
  logged("a", 100, 0),
  logged("batch", 101, HOUR),
  logged("batch", 102, HOUR),
  logged("c", 100, 48 * HOUR),
  { ...logged("s", 103, 50 * HOUR), pairId: "s" },
  {
    ...logged("s", 103, 50 * HOUR),
    modelVersion: "v0002",
    score: 0.9,
    tier: "high",
    pairId: "s",
    shadow: true,
  },
];

const OPTIONS = { now: NOW, key: KEY };

/** Registers the shared tests for a backend. */
export function defineOutcomeStoreTests(
  backend: string,
  open: () => Promise<OutcomeBackend>,
): void {
  const test = (name: string, fn: (b: OutcomeBackend) => Promise<void>) =>
    Deno.test(`${backend}: ${name}`, async () => {
      const b = await open();
      try {
        await fn(b);
      } finally {
        await b.dispose();
      }
    });

  test("an outcome by request id is stored, joined to its prediction", async (b) => {
    const summary = await b.store.record(
      [{ request_id: "a", outcome: 1, observed_at: "2026-11-20T00:00:00Z" }],
      OPTIONS,
    );
    assert.deepEqual(summary, {
      accepted: 1,
      duplicate: 0,
      rejected: 0,
      rows: [{ row: 1, status: "accepted", requestId: "a", modelVersion: "v0001", issues: [] }],
    });
    assert.equal(await b.count(), 1);
  });

  test("the same outcome again is a duplicate and a different one a conflict", async (b) => {
    const row = { request_id: "a", outcome: 1, observed_at: "2026-11-20" };
    await b.store.record([row], OPTIONS);
    const again = await b.store.record([row, { ...row, outcome: 0 }], OPTIONS);
    assert.deepEqual(again.rows.map((r) => [r.status, r.issues.map((i) => i.rule)]), [
      ["duplicate", []],
      ["rejected", ["conflict"]],
    ]);
    assert.match(again.rows[1].issues[0].message, /^Row 2: .* already has outcome 1, not 0$/);
    assert.equal(await b.count(), 1);
  });

  test("a duplicate within one batch is stored once", async (b) => {
    const row = { request_id: "c", outcome: 0, observed_at: "2026-11-20" };
    const summary = await b.store.record([row, row], OPTIONS);
    assert.deepEqual([summary.accepted, summary.duplicate], [1, 1]);
    assert.equal(await b.count(), 1);
  });

  test("bad rows are each refused naming the row, field and rule; the good rows are stored", async (b) => {
    const summary = await b.store.record([
      { request_id: "a", outcome: 2, observed_at: "2026-11-20" },
      { request_id: "a", outcome: 1, observed_at: "2026-12-02T00:00:00Z" },
      { request_id: "never-served", outcome: 1, observed_at: "2026-11-20" },
      { request_id: "a", outcome: 1, observed_at: "yesterday" },
      { request_id: "c", outcome: 1, observed_at: "2026-11-02T00:00:00Z" },
      { outcome: 1, observed_at: "2026-11-20" },
      { request_id: "a", outcome: 0, observed_at: "2026-11-20", score: 1 },
      { request_id: "batch", id: 102, outcome: 1, observed_at: "2026-11-20" },
    ], OPTIONS);
    assert.deepEqual(
      summary.rows.map((r) => [r.row, r.status, r.issues.map((i) => `${i.field}:${i.rule}`)]),
      [
        [1, "rejected", ["outcome:in_set"]],
        [2, "rejected", ["observed_at:future"]],
        [3, "rejected", ["request_id:unknown_request"]],
        [4, "rejected", ["observed_at:format"]],
        [5, "rejected", ["observed_at:before_prediction"]],
        [6, "rejected", ["request_id:required"]],
        [7, "rejected", ["score:unknown_field"]],
        [8, "accepted", []],
      ],
    );
    assert.equal(
      summary.rows[0].issues[0].message,
      'Row 1: "outcome" must be 0 or 1, got 2',
    );
    assert.deepEqual([summary.accepted, summary.duplicate, summary.rejected], [1, 0, 7]);
    assert.equal(await b.count(), 1);
  });

  test("a request that scored several rows needs the id too", async (b) => {
    const summary = await b.store.record([
      { request_id: "batch", outcome: 1, observed_at: "2026-11-20" },
      { request_id: "batch", id: "101", outcome: 0, observed_at: "2026-11-20" },
      { request_id: "batch", id: 999, outcome: 0, observed_at: "2026-11-20" },
    ], OPTIONS);
    assert.deepEqual(summary.rows.map((r) => [r.status, r.issues.map((i) => i.rule)]), [
      ["rejected", ["ambiguous"]],
      ["accepted", []],
      ["rejected", ["unknown_id"]],
    ]);
  });

  test("an id alone joins the latest prediction for it at or before the observation", async (b) => {
    const early = await b.store.record(
      [{ id: 100, outcome: 1, observed_at: "2026-11-02T00:00:00Z" }],
      OPTIONS,
    );
    assert.equal(early.rows[0].requestId, "a");
    const late = await b.store.record(
      [{ id: "100", outcome: 0, observed_at: "2026-11-05T00:00:00Z" }],
      OPTIONS,
    );
    assert.equal(late.rows[0].requestId, "c");
    const before = await b.store.record(
      [{ id: 100, outcome: 0, observed_at: "2026-10-01" }, {
        id: 5,
        outcome: 0,
        observed_at: "2026-11-20",
      }],
      OPTIONS,
    );
    assert.deepEqual(before.rows.map((r) => r.issues.map((i) => i.rule)), [
      ["before_prediction"],
      ["unknown_id"],
    ]);
    assert.equal(await b.count(), 2);
  });

  test("labelled reads the predictions of a window that have outcomes, oldest first", async (b) => {
    await b.store.record([
      { request_id: "c", outcome: 1, observed_at: "2026-11-20" },
      { request_id: "a", outcome: 0, observed_at: "2026-11-20" },
      { request_id: "batch", id: 101, outcome: 1, observed_at: "2026-11-20" },
    ], OPTIONS);
    const all = await b.store.labelled(new Date(T0), new Date(T0 + 72 * HOUR));
    assert.deepEqual([...all.time], [T0, T0 + HOUR, T0 + 48 * HOUR]);
    assert.deepEqual([...all.outcome], [0, 1, 1]);
    assert.deepEqual(all.modelVersion, ["v0001", "v0001", "v0001"]);
    assert.deepEqual([...all.score], [0.1, 0.1, 0.1]);
    const first = await b.store.labelled(new Date(T0), new Date(T0 + HOUR));
    assert.equal(first.time.length, 1);
  });

  test("an outcome of a shadow-released request joins the champion's row, read once", async (b) => {
    const summary = await b.store.record([
      { request_id: "s", outcome: 1, observed_at: "2026-11-20" },
      { id: 103, outcome: 1, observed_at: "2026-11-20" },
    ], OPTIONS);
    assert.deepEqual(summary.rows.map((r) => [r.status, r.modelVersion, r.issues]), [
      ["accepted", "v0001", []],
      ["duplicate", "v0001", []],
    ]);
    assert.equal(await b.count(), 1);
    const window = await b.store.labelled(new Date(T0 + 49 * HOUR), new Date(T0 + 51 * HOUR));
    assert.deepEqual(window.modelVersion, ["v0001"]);
    assert.deepEqual([...window.score], [0.1]);
  });

  test("an id cannot be joined without a key column", async (b) => {
    const summary = await b.store.record([{ id: 100, outcome: 1, observed_at: "2026-11-20" }], {
      now: NOW,
    });
    assert.deepEqual(summary.rows[0].issues.map((i) => i.rule), ["no_key"]);
  });
}
