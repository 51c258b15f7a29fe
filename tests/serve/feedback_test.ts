import assert from "node:assert/strict";
import { join } from "node:path";
import { openLogStore, openOutcomeStore } from "../../lib/inference_log/mod.ts";
import { harness } from "./harness.ts";

const NOW = "2026-01-02T03:04:05Z";

async function scoredRequest(h: Awaited<ReturnType<typeof harness>>): Promise<string> {
  const res = await h.post("/predict", h.fixture.testRows[0]);
  assert.equal(res.status, 200);
  return (await res.json()).requestId;
}

Deno.test("an outcome for a served request is stored; sent again it is a duplicate", async () => {
  await using h = await harness();
  const requestId = await scoredRequest(h);
  const row = { request_id: requestId, outcome: 1, observed_at: NOW };
  const first = await h.post("/feedback", row);
  assert.equal(first.status, 200);
  assert.deepEqual(await first.json(), {
    accepted: 1,
    duplicate: 0,
    rejected: 0,
    rows: [{
      row: 1,
      status: "accepted",
      requestId,
      modelVersion: h.live.current()!.version,
      issues: [],
    }],
  });
  const again = await h.post("/feedback", { outcomes: [row] });
  assert.equal(again.status, 200);
  assert.deepEqual((await again.json()).duplicate, 1);
});

Deno.test("an outcome of 2 gets a 422 naming the field and rule, as documented", async () => {
  await using h = await harness();
  const requestId = await scoredRequest(h);
  const res = await h.post("/feedback", { request_id: requestId, outcome: 2, observed_at: NOW });
  assert.equal(res.status, 422);
  const body = await res.json();
  assert.deepEqual(body.issues, [
    { field: "outcome", rule: "in_set", message: 'Row 1: "outcome" must be 0 or 1, got 2' },
  ]);
  const doc = await (await h.app.request("/openapi.json")).json();
  const documented = doc.paths["/feedback"].post.responses["422"].content["application/json"]
    .examples.outcome.value;
  assert.deepEqual(body, documented);
});

Deno.test("a batch stores its good rows and lists the bad ones with their reasons", async () => {
  await using h = await harness();
  const a = await scoredRequest(h);
  const b = await scoredRequest(h);
  const res = await h.post("/feedback", {
    outcomes: [
      { request_id: a, outcome: 0, observed_at: NOW },
      { request_id: "never-served", outcome: 1, observed_at: NOW },
      { request_id: b, outcome: 1, observed_at: "2026-01-03T00:00:00Z" },
      { request_id: b, outcome: 1, observed_at: NOW },
      { request_id: a, outcome: 1, observed_at: NOW },
    ],
  });
  assert.equal(res.status, 422);
  const body = await res.json();
  assert.equal(
    body.error,
    "Feedback: 3 of 5 rows rejected; the other 2 were stored (2 new, 0 duplicate)",
  );
  assert.deepEqual(body.rows.map((r: { status: string }) => r.status), [
    "accepted",
    "rejected",
    "rejected",
    "accepted",
    "rejected",
  ]);
  assert.deepEqual(
    body.issues.map((i: { field: string; rule: string }) => `${i.field}:${i.rule}`),
    [
      "request_id:unknown_request",
      "observed_at:future",
      "outcome:conflict",
    ],
  );
});

Deno.test("with an admin token set, feedback needs it", async () => {
  await using h = await harness({ adminToken: "s3cret" });
  const requestId = await scoredRequest(h);
  const row = { request_id: requestId, outcome: 0, observed_at: NOW };
  assert.equal((await h.post("/feedback", row)).status, 401);
  assert.equal((await h.post("/feedback", row, { authorization: "Bearer wrong" })).status, 401);
  assert.equal((await h.post("/feedback", row, { authorization: "Bearer s3cret" })).status, 200);
});

Deno.test("bodies that are not outcomes get a 422 or 413 naming the rule", async () => {
  await using h = await harness({ maxBatchRows: 2 });
  const rule = async (body: unknown) => {
    const res = await h.post("/feedback", body);
    return [res.status, (await res.json()).issues.map((i: { rule: string }) => i.rule)];
  };
  assert.deepEqual(await rule([{ request_id: "x" }]), [422, ["type"]]);
  assert.deepEqual(await rule({ outcomes: [] }), [422, ["type"]]);
  assert.deepEqual(await rule({ outcomes: [{}], extra: 1 }), [422, ["unknown_field"]]);
  assert.deepEqual(await rule({ outcomes: [{}, {}, {}] }), [413, ["max_items"]]);
});

Deno.test("without an outcome store feedback answers 503 and stores nothing", async () => {
  await using h = await harness({ outcomes: undefined });
  const res = await h.post("/feedback", { request_id: "x", outcome: 1, observed_at: NOW });
  assert.equal(res.status, 503);
});

Deno.test("an outcome sent right after its prediction joins it through the SQLite log", async () => {
  const dir = await Deno.makeTempDir({ prefix: "riskpipe-feedback-" });
  const sqlitePath = join(dir, "log.db");
  // A long flush interval: the prediction is still buffered when the outcome arrives.
  const logStore = await openLogStore({ sqlitePath, flushMs: 60_000 });
  const outcomes = await openOutcomeStore({ sqlitePath });
  try {
    await using h = await harness({ logStore, outcomes });
    const requestId = await scoredRequest(h);
    const key = h.live.current()!.manifest.key;
    const res = await h.post("/feedback", {
      outcomes: [{ id: h.fixture.testRows[0][key] as number, outcome: 1, observed_at: NOW }],
    });
    assert.equal(res.status, 200);
    assert.equal((await res.json()).rows[0].requestId, requestId);
  } finally {
    await outcomes.close();
    await logStore.close();
    await Deno.remove(dir, { recursive: true });
  }
});
