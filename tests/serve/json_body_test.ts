import assert from "node:assert/strict";
import { Hono } from "hono";
import { jsonBody } from "../../serve/middleware/json_body.ts";
import { RequestError } from "../../lib/scoring/request.ts";

function echoApp(): { app: Hono; handled: () => number } {
  const app = new Hono();
  let calls = 0;
  app.post("/echo", jsonBody({ maxBytes: 16 }), (c) => {
    calls++;
    const bytes = c.get("jsonBodyBytes");
    return c.json({ value: c.get("jsonBody"), bytes: new TextDecoder().decode(bytes) });
  });
  app.onError((error, c) => {
    const status = error instanceof RequestError ? error.status : 500;
    return c.json({ error: error.message }, status as 400);
  });
  return { app, handled: () => calls };
}

const post = (app: Hono, body: string, type = "application/json") =>
  app.request("/echo", { method: "POST", headers: { "content-type": type }, body });

Deno.test("jsonBody sets the parsed value and the exact bytes for the handler", async () => {
  const { app } = echoApp();
  const res = await post(app, '{ "a": [1, 2] }');
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { value: { a: [1, 2] }, bytes: '{ "a": [1, 2] }' });
});

Deno.test("jsonBody answers 415, 413 and 400 before the handler runs", async () => {
  const { app, handled } = echoApp();
  assert.equal((await post(app, "{}", "text/plain")).status, 415);
  assert.equal((await post(app, `{"a": "${"x".repeat(20)}"}`)).status, 413);
  assert.equal((await post(app, "{nope")).status, 400);
  assert.equal(handled(), 0);
});
