import assert from "node:assert/strict";
import { harness } from "./harness.ts";

type Issue = { field: string; rule: string; message: string };
const rulesOf = (issues: Issue[]) => issues.map((i) => `${i.field}:${i.rule}`).sort();

Deno.test("a malformed JSON body gets 400 naming the syntax problem", async () => {
  await using h = await harness();
  const res = await h.post("/predict", '{"AMT_CREDIT": ');
  assert.equal(res.status, 400);
  const body = await res.json();
  assert.match(body.error, /^Malformed JSON body/);
  assert.deepEqual(rulesOf(body.issues), [":json"]);
});

Deno.test("every bad field is named with its rule in one 422", async () => {
  await using h = await harness();
  const row = {
    ...h.fixture.testRows[0],
    AMT_CREDIT: -5,
    CODE_GENDER: "Q",
    CNT_CHILDREN: 1.5,
    AMT_INCOME_TOTAL: "NaN",
    FLAG_OWN_CAR: 1,
    BOGUS: 2,
  };
  delete (row as Record<string, unknown>).NAME_CONTRACT_TYPE;
  const res = await h.post("/predict", row);
  assert.equal(res.status, 422);
  const body = await res.json();
  assert.deepEqual(rulesOf(body.issues), [
    "AMT_CREDIT:min",
    "AMT_INCOME_TOTAL:type",
    "BOGUS:unknown_field",
    "CNT_CHILDREN:integer",
    "CODE_GENDER:in_set",
    "FLAG_OWN_CAR:type",
    "NAME_CONTRACT_TYPE:required",
  ]);
  assert.equal(body.error, "Invalid request: 7 fields break the contract");
  assert.equal(h.log.records.length, 0);
});

Deno.test("Infinity and NaN written as strings are rejected as the wrong type", async () => {
  await using h = await harness();
  for (const value of ["Infinity", "-Infinity", "NaN"]) {
    const res = await h.post("/predict", { ...h.fixture.testRows[0], AMT_ANNUITY: value });
    assert.equal(res.status, 422);
    assert.deepEqual(rulesOf((await res.json()).issues), ["AMT_ANNUITY:type"]);
  }
});

Deno.test("a number too large for a double is out of range, not a crash", async () => {
  await using h = await harness();
  const text = JSON.stringify(h.fixture.testRows[0]).replace(
    /"AMT_CREDIT":[^,]+/,
    '"AMT_CREDIT":1e999',
  );
  const res = await h.post("/predict", text);
  assert.equal(res.status, 422);
  assert.deepEqual(rulesOf((await res.json()).issues), ["AMT_CREDIT:finite"]);
});

Deno.test("a body that is not an object gets 422 on the row itself", async () => {
  await using h = await harness();
  for (const body of ["[]", "3", "null", '"x"']) {
    const res = await h.post("/predict", body);
    assert.equal(res.status, 422, body);
    assert.deepEqual(rulesOf((await res.json()).issues), [":type"]);
  }
});

Deno.test("a body over the limit gets 413", async () => {
  await using h = await harness({ maxBodyBytes: 1000 });
  const res = await h.post("/predict", { ...h.fixture.testRows[0], pad: "x".repeat(2000) });
  assert.equal(res.status, 413);
  assert.equal((await res.json()).error, "Body too large: the limit is 1000 bytes");
});

Deno.test("a body over the limit without Content-Length gets 413 while streaming", async () => {
  await using h = await harness({ maxBodyBytes: 1000 });
  const chunk = new TextEncoder().encode("x".repeat(600));
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(chunk);
      controller.enqueue(chunk);
      controller.close();
    },
  });
  const res = await h.app.request("/predict", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: stream,
  });
  assert.equal(res.status, 413);
});

Deno.test("a wrong content type gets 415", async () => {
  await using h = await harness();
  const res = await h.post("/predict", "a=1", { "content-type": "text/plain" });
  assert.equal(res.status, 415);
  const missing = await h.app.request("/predict", { method: "POST", body: "{}" });
  assert.equal(missing.status, 415);
});

Deno.test("a batch over the row limit gets 413 and bad rows are named by index", async () => {
  await using h = await harness({ maxBatchRows: 2 });
  const rows = h.fixture.testRows.slice(0, 3);
  assert.equal((await h.post("/predict/batch", { rows })).status, 413);
  const res = await h.post("/predict/batch", {
    rows: [rows[0], { ...rows[1], AMT_CREDIT: "a lot" }],
    explain: "yes",
  });
  assert.equal(res.status, 422);
  assert.deepEqual(rulesOf((await res.json()).issues), ["explain:type", "rows.1.AMT_CREDIT:type"]);
});

Deno.test("a batch without rows or with an empty list is a 422", async () => {
  await using h = await harness();
  assert.deepEqual(rulesOf((await (await h.post("/predict/batch", {})).json()).issues), [
    "rows:type",
  ]);
  assert.deepEqual(rulesOf((await (await h.post("/predict/batch", { rows: [] })).json()).issues), [
    "rows:min",
  ]);
});

Deno.test("an unknown path gets a JSON 404", async () => {
  await using h = await harness();
  const res = await h.app.request("/nope");
  assert.equal(res.status, 404);
  assert.deepEqual(await res.json(), { error: "Not found: GET /nope", issues: [] });
  assert.equal((await h.app.request("/predict/nope", { method: "POST" })).status, 404);
});

Deno.test("a wrong method on a known path gets 405 with the allowed methods", async () => {
  await using h = await harness();
  const res = await h.app.request("/predict");
  assert.equal(res.status, 405);
  assert.equal(res.headers.get("allow"), "POST");
  assert.deepEqual(await res.json(), {
    error: "Method not allowed: GET /predict (allowed: POST)",
    issues: [],
  });
  const health = await h.app.request("/health", { method: "DELETE" });
  assert.equal(health.status, 405);
  assert.equal(health.headers.get("allow"), "GET, HEAD");
  const site = await h.app.request("/drift/index.html", { method: "PUT" });
  assert.equal(site.status, 405);
  assert.equal(site.headers.get("allow"), "GET, HEAD");
});

Deno.test("scoring with no model in Production is a 503, not a crash", async () => {
  await using h = await harness();
  await h.live.close();
  const res = await h.post("/predict", h.fixture.testRows[0]);
  assert.equal(res.status, 503);
  assert.equal((await h.app.request("/health")).status, 503);
  assert.deepEqual(h.errors, []);
});
