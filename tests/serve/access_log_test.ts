import assert from "node:assert/strict";
import { Hono } from "hono";
import { accessLog, formatAccessLine } from "../../serve/middleware/access_log.ts";
import { createLineWriter } from "../../serve/access_log_writer.ts";
import { harness } from "./harness.ts";

Deno.test("an access-log line carries time, method, path, status, duration, bytes and id", () => {
  const line = formatAccessLine({
    time: new Date("2026-01-02T03:04:05Z"),
    method: "POST",
    path: "/predict",
    status: 422,
    durationMs: 1.256,
    bytes: 312,
    requestId: "req-1",
  });
  assert.equal(
    line,
    "time=2026-01-02T03:04:05.000Z method=POST path=/predict status=422 ms=1.26 bytes=312 id=req-1",
  );
});

Deno.test("a path with spaces or quotes is quoted so the line stays parseable", () => {
  const line = formatAccessLine({
    time: new Date(0),
    method: "GET",
    path: '/a b"c',
    status: 404,
    durationMs: 0,
    bytes: null,
    requestId: "r",
  });
  assert.match(line, / path="\/a b\\"c" status=404 ms=0.00 bytes=- id=r$/);
});

Deno.test("the app logs one line per request with the id its response carries", async () => {
  const lines: string[] = [];
  await using h = await harness({ accessLog: (line) => lines.push(line) });
  const res = await h.post("/predict", h.fixture.testRows[0]);
  const body = await res.json();
  await h.app.request("/nope");
  assert.equal(lines.length, 2);
  const bytes = new TextEncoder().encode(JSON.stringify(body)).length;
  assert.equal(res.headers.get("content-length"), String(bytes));
  assert.match(
    lines[0],
    new RegExp(
      `^time=2026-01-02T03:04:05.000Z method=POST path=/predict status=200 ms=\\d+\\.\\d\\d ` +
        `bytes=${bytes} id=${body.requestId}$`,
    ),
  );
  assert.match(lines[1], /method=GET path=\/nope status=404 .* id=req-\d+$/);
});

Deno.test("with no access-log sink the middleware is not installed", async () => {
  await using on = await harness({ accessLog: () => {} });
  await using off = await harness();
  const names = (app: Hono) => app.routes.map((r) => r.handler.name);
  assert.ok(names(on.app).includes("accessLog"));
  assert.ok(!names(off.app).includes("accessLog"));
  assert.equal(names(on.app).length, names(off.app).length + 1);
});

Deno.test("the middleware uses Content-Length when the response has one", async () => {
  const lines: string[] = [];
  const app = new Hono();
  let clock = 10;
  app.use("*", accessLog({ sink: (l) => lines.push(l), requestId: () => "x", now: () => clock }));
  app.get("/a", (c) => {
    clock = 12.5;
    return c.body("hello", 200, { "content-length": "5" });
  });
  await app.request("/a");
  assert.match(lines[0], / path=\/a status=200 ms=2.50 bytes=5 id=x$/);
});

Deno.test("a body without Content-Length is logged as of unknown size, never read", async () => {
  const lines: string[] = [];
  const app = new Hono();
  app.use("*", accessLog({ sink: (l) => lines.push(l), requestId: () => "x" }));
  let pulled = 0;
  app.get("/s", (c) =>
    c.body(
      new ReadableStream({
        pull(controller) {
          pulled++;
          controller.enqueue(new Uint8Array(3));
          controller.close();
        },
      }, { highWaterMark: 0 }), // pulled only when read
    ));
  const res = await app.request("/s");
  assert.equal(lines.length, 1);
  assert.match(lines[0], / path=\/s status=200 ms=\d+\.\d\d bytes=- id=x$/);
  assert.equal(pulled, 0);
  assert.equal((await res.arrayBuffer()).byteLength, 3);
});

Deno.test("every kind of answer carries its Content-Length: JSON, errors, text, HTML, binary", async () => {
  const lines: string[] = [];
  await using h = await harness({ accessLog: (line) => lines.push(line) });
  const width = h.live.current()!.manifest.features.length;
  const header = new TextEncoder().encode(JSON.stringify({
    parameters: { binary_data_output: true },
    inputs: [{
      name: "features",
      shape: [1, width],
      datatype: "FP32",
      parameters: { binary_data_size: 4 * width },
    }],
  }));
  const v2Body = new Uint8Array(header.byteLength + 4 * width);
  v2Body.set(header);
  v2Body.set(new Uint8Array(new Float32Array(width).fill(NaN).buffer), header.byteLength);
  const answers = [
    await h.post("/predict", h.fixture.testRows[0]),
    await h.post("/predict", { nope: 1 }),
    await h.app.request("/nope"),
    await h.app.request("/metrics"),
    await h.app.request("/docs"),
    await h.app.request("/v2/models/riskpipe/infer", {
      method: "POST",
      headers: { "inference-header-content-length": String(header.byteLength) },
      body: v2Body,
    }),
  ];
  for (const [i, res] of answers.entries()) {
    const bytes = (await res.arrayBuffer()).byteLength;
    assert.equal(res.headers.get("content-length"), String(bytes), `answer ${i}`);
    assert.match(lines[i], new RegExp(` bytes=${bytes} `), `line ${i}`);
  }
});

Deno.test("the line writer batches lines into one write and flushes on demand", async () => {
  const writes: string[] = [];
  const out = createLineWriter({
    write: (bytes) => Promise.resolve(void writes.push(new TextDecoder().decode(bytes))),
    flushMs: 60_000,
  });
  out.write("a");
  out.write("b");
  assert.deepEqual(writes, []);
  await out.flush();
  assert.deepEqual(writes, ["a\nb\n"]);
  await out.flush();
  assert.equal(writes.length, 1);
});

Deno.test("the line writer writes at once when its buffer is full", async () => {
  const writes: string[] = [];
  const out = createLineWriter({
    write: (bytes) => Promise.resolve(void writes.push(new TextDecoder().decode(bytes))),
    flushChars: 8,
    flushMs: 60_000,
  });
  out.write("1234");
  out.write("5678");
  await out.flush();
  assert.deepEqual(writes, ["1234\n5678\n"]);
});
