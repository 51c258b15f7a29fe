import assert from "node:assert/strict";
import { join } from "node:path";
import { harness } from "./harness.ts";

Deno.test("GET /health reports live, ready and the model version", async () => {
  await using h = await harness();
  const res = await h.app.request("/health");
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.deepEqual([body.status, body.live, body.ready, body.modelVersion], [
    "ok",
    true,
    true,
    h.live.current()?.version,
  ]);
});

Deno.test("GET /model lists features, metrics, lineage, tiers and the snapshot", async () => {
  await using h = await harness();
  const body = await (await h.app.request("/model")).json();
  assert.equal(body.features.length, h.fixture.manifest.features.length);
  assert.deepEqual(body.metrics, { "test.auc": 0.7 });
  assert.deepEqual(body.lineage, { fixture: true });
  assert.deepEqual(body.tiers.names, ["low", "medium", "high", "very_high"]);
  assert.equal(body.snapshot.key, "SK_ID_CURR");
  assert.equal(body.snapshot.rows, 400);
  assert.equal(body.stage, "Production");
  // A version without choice.json serves its GBDT.
  assert.equal(body.model.kind, "gbdt");
  assert.deepEqual(body.model.auc, { gbdt: null, logistic: null, scorecard: null });
  assert.equal(body.model.points, undefined);
});

Deno.test("GET /metrics exposes requests, latency, errors, scores, model and log stats", async () => {
  await using h = await harness();
  await h.post("/predict", h.fixture.testRows[0]);
  await h.post("/predict", "{");
  const text = await (await h.app.request("/metrics")).text();
  const version = h.live.current()?.version;
  for (
    const line of [
      'riskpipe_http_requests_total{route="/predict",method="POST",status="200"} 1',
      'riskpipe_http_requests_total{route="/predict",method="POST",status="400"} 1',
      'riskpipe_http_errors_total{route="/predict",method="POST",status="400"} 1',
      'riskpipe_http_request_duration_seconds_count{route="/predict"} 2',
      `riskpipe_score_count{version="${version}",role="answer"} 1`,
      `riskpipe_model_info{version="${version}"} 1`,
      "riskpipe_inference_log_written_total 1",
      "riskpipe_inference_log_dropped_total 0",
      "riskpipe_inference_log_failures_total 0",
      "riskpipe_inference_log_pending 0",
    ]
  ) {
    assert.ok(text.split("\n").includes(line), `missing: ${line}`);
  }
  assert.match(text, /# TYPE riskpipe_http_request_duration_seconds histogram/);
});

Deno.test("GET /metrics keeps one series for every method a client invents", async () => {
  await using h = await harness();
  for (const method of ["BREW", "WHEN", "FOO"]) {
    await h.app.request("/predict", { method });
  }
  const text = await (await h.app.request("/metrics")).text();
  const lines = text.split("\n").filter((l) => l.startsWith("riskpipe_http_requests_total{"));
  assert.ok(lines.some((l) => l.includes('method="OTHER"') && l.endsWith(" 3")), lines.join("\n"));
  assert.ok(!text.includes("BREW"));
});

Deno.test("GET /openapi.json describes the applicant from the contract", async () => {
  await using h = await harness();
  const doc = await (await h.app.request("/openapi.json")).json();
  assert.equal(doc.openapi, "3.1.0");
  const applicant = doc.components.schemas.Applicant;
  assert.equal(applicant.additionalProperties, false);
  assert.ok(applicant.required.includes("SK_ID_CURR"));
  assert.equal(applicant.properties.TARGET, undefined);
  assert.deepEqual(applicant.properties.CODE_GENDER.enum, ["F", "M", "XNA"]);
  // The V2 paths are checked in v2_openapi_test.ts.
  assert.deepEqual(Object.keys(doc.paths).filter((p) => !p.startsWith("/v2")).sort(), [
    "/admin/inferences",
    "/admin/reload",
    "/admin/rollback",
    "/docs",
    "/drift",
    "/drift/{file}",
    "/explain",
    "/feedback",
    "/health",
    "/metrics",
    "/model",
    "/openapi.json",
    "/predict",
    "/predict/batch",
    "/ui",
    "/ui/assets/{file}",
  ]);
});

Deno.test("GET /docs is a self-contained page with no external script or style", async () => {
  await using h = await harness();
  const res = await h.app.request("/docs");
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(html, /fetch\("openapi\.json"\)/);
  assert.doesNotMatch(html, /<script[^>]+src=|<link[^>]+href=|https?:\/\//);
});

Deno.test("admin endpoints are absent without a token and need the bearer token with one", async () => {
  await using off = await harness();
  assert.equal((await off.post("/admin/reload", {})).status, 404);
  await using on = await harness({ adminToken: "s3cret" });
  assert.equal((await on.post("/admin/reload", {})).status, 401);
  assert.equal(
    (await on.post("/admin/reload", {}, { authorization: "Bearer wrong" })).status,
    401,
  );
  const ok = await on.post("/admin/reload", {}, { authorization: "Bearer s3cret" });
  assert.equal(ok.status, 200);
  assert.equal((await ok.json()).changed, false);
});

Deno.test("GET /admin/inferences lists the latest scored rows first", async () => {
  await using h = await harness({ adminToken: "t" });
  await h.post("/predict/batch", { rows: h.fixture.testRows.slice(0, 3) });
  await h.post("/predict", h.fixture.testRows[5]);
  const res = await h.app.request("/admin/inferences?limit=2", {
    headers: { authorization: "Bearer t" },
  });
  const body = await res.json();
  assert.deepEqual(body.inferences.map((r: { requestId: string }) => r.requestId), [
    "req-2",
    "req-1",
  ]);
  assert.deepEqual(body.inferences[0].inputs, h.fixture.testRows[5]);
  assert.equal(body.inferences[0].inputsUtf8, undefined);
});

Deno.test("GET /admin/inferences keeps only the latest recentLimit rows, newest first", async () => {
  await using h = await harness({ adminToken: "t", recentLimit: 3 });
  const ids = (body: { inferences: { requestId: string }[] }) =>
    body.inferences.map((r) => r.requestId);
  const list = async (limit: number) =>
    ids(
      await (await h.app.request(`/admin/inferences?limit=${limit}`, {
        headers: { authorization: "Bearer t" },
      })).json(),
    );
  for (let i = 0; i < 5; i++) await h.post("/predict", h.fixture.testRows[i]);
  assert.deepEqual(await list(10), ["req-5", "req-4", "req-3"]);
  assert.deepEqual(await list(2), ["req-5", "req-4"]);
  await h.post("/predict/batch", { rows: h.fixture.testRows.slice(0, 4) });
  assert.deepEqual(await list(10), ["req-6", "req-6", "req-6"]);
});

Deno.test("/drift/ serves the drift site read-only and 404s outside it or when absent", async () => {
  const parent = await Deno.makeTempDir();
  const dir = join(parent, "site");
  await Deno.mkdir(dir);
  await Deno.writeTextFile(join(dir, "index.html"), "<h1>drift</h1>");
  await Deno.writeTextFile(join(parent, "secret.txt"), "no");
  try {
    await using h = await harness({ driftDir: dir });
    const index = await h.app.request("/drift/");
    assert.equal(index.status, 200);
    assert.equal(index.headers.get("content-type"), "text/html; charset=utf-8");
    assert.equal(await index.text(), "<h1>drift</h1>");
    assert.equal((await h.app.request("/drift/../secret.txt")).status, 404);
    assert.equal((await h.app.request("/drift/%2e%2e/secret.txt")).status, 404);
    assert.equal((await h.app.request("/drift/missing.html")).status, 404);
    await using none = await harness();
    assert.equal((await none.app.request("/drift/")).status, 404);
  } finally {
    await Deno.remove(parent, { recursive: true });
  }
});
