import assert from "node:assert/strict";
import { harness } from "./harness.ts";

Deno.test("held-out rows scored over HTTP match the TS predictor on their feature-store rows to 1e-6", async () => {
  await using h = await harness();
  const { testRows, expected } = h.fixture;
  const res = await h.post("/predict/batch", { rows: testRows });
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.predictions.length, testRows.length);
  body.predictions.forEach((p: { probability: number }, i: number) => {
    assert.ok(
      Math.abs(p.probability - expected[i]) < 1e-6,
      `row ${i}: ${p.probability} vs ${expected[i]}`,
    );
  });
});

Deno.test("POST /predict returns probability, tier, model version and request id", async () => {
  await using h = await harness();
  const res = await h.post("/predict", h.fixture.testRows[0]);
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.deepEqual(Object.keys(body).sort(), ["modelVersion", "probability", "requestId", "tier"]);
  assert.equal(body.modelVersion, h.live.current()?.version);
  assert.equal(body.requestId, "req-1");
  assert.ok(Math.abs(body.probability - h.fixture.expected[0]) < 1e-6);
  assert.ok(["low", "medium", "high", "very_high"].includes(body.tier));
});

Deno.test("an unknown SK_ID_CURR is scored with its history features missing", async () => {
  await using h = await harness();
  const row = { ...h.fixture.testRows[0], SK_ID_CURR: 600000 };
  const model = h.live.current()!;
  const vector = model.featuresOf(row);
  const history = model.info.snapshot!.features.map((name) =>
    vector[model.manifest.features.findIndex((f) => f.name === name)]
  );
  assert.ok(history.every(Number.isNaN));
  const res = await h.post("/predict", row);
  assert.equal(res.status, 200);
});

Deno.test("every scored row is logged with request id, version, inputs, score and tier", async () => {
  await using h = await harness();
  const rows = h.fixture.testRows.slice(0, 3);
  const body = await (await h.post("/predict/batch", { rows })).json();
  assert.equal(h.log.records.length, 3);
  h.log.records.forEach((r, i) => {
    assert.equal(r.requestId, "req-1");
    assert.equal(r.time, "2026-01-02T03:04:05.000Z");
    assert.equal(r.endpoint, "/predict/batch");
    assert.equal(r.modelVersion, body.modelVersion);
    assert.deepEqual(r.inputs, rows[i]);
    assert.equal(r.score, body.predictions[i].probability);
    assert.equal(r.tier, body.predictions[i].tier);
  });
});

Deno.test("a /predict row is logged with the client's own JSON bytes beside the parsed row", async () => {
  await using h = await harness();
  const text = JSON.stringify(h.fixture.testRows[2], null, 1);
  assert.equal((await h.post("/predict", text)).status, 200);
  assert.equal(h.log.records.length, 1);
  assert.equal(new TextDecoder().decode(h.log.records[0].inputsUtf8), text);
  assert.deepEqual(h.log.records[0].inputs, h.fixture.testRows[2]);
});

Deno.test("POST /explain gives three reasons each way, ordered, and a sentence", async () => {
  await using h = await harness();
  const res = await h.post("/explain", h.fixture.testRows[1]);
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.ok(body.reasons.up.length <= 3 && body.reasons.down.length <= 3);
  assert.ok(body.reasons.up.length + body.reasons.down.length > 0);
  for (let i = 1; i < body.reasons.up.length; i++) {
    assert.ok(body.reasons.up[i - 1].shap >= body.reasons.up[i].shap);
  }
  assert.ok(body.reasons.up.every((r: { shap: number }) => r.shap > 0));
  assert.ok(body.reasons.down.every((r: { shap: number }) => r.shap < 0));
  assert.match(body.summary, /^Estimated risk \d+\.\d% against a baseline of \d+\.\d%/);
  assert.ok(Math.abs(body.probability - h.fixture.expected[1]) < 1e-6);
});

Deno.test("a batch with explain true carries an explanation per row", async () => {
  await using h = await harness();
  const rows = h.fixture.testRows.slice(0, 2);
  const body = await (await h.post("/predict/batch", { rows, explain: true })).json();
  assert.equal(body.predictions.length, 2);
  for (const p of body.predictions) assert.equal(typeof p.explanation.summary, "string");
});

Deno.test("/predict/batch returns exactly what /predict returns row by row", async () => {
  await using h = await harness();
  const rows = h.fixture.testRows.slice(0, 25);
  const batch = await (await h.post("/predict/batch", { rows })).json();
  for (const [i, row] of rows.entries()) {
    const single = await (await h.post("/predict", row)).json();
    assert.equal(batch.predictions[i].probability, single.probability, `row ${i}`);
    assert.equal(batch.predictions[i].tier, single.tier, `row ${i}`);
  }
});
