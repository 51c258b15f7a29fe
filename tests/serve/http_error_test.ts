import assert from "node:assert/strict";
import { Hono } from "hono";
import { NoModelError } from "../../lib/scoring/live_model.ts";
import { RequestError } from "../../lib/scoring/request.ts";
import { errorResponse, HttpError, respondWithError } from "../../serve/http_error.ts";

Deno.test("each typed error maps to its status and the Error body", () => {
  const request = new RequestError(422, "Invalid request row", [
    { field: "AMT_CREDIT", rule: "min", message: "must be ≥ 0" },
  ]);
  assert.deepEqual(errorResponse(request), {
    status: 422,
    body: { error: "Invalid request row", issues: request.issues },
    headers: {},
  });
  assert.deepEqual(errorResponse(new NoModelError()), {
    status: 503,
    body: {
      error:
        "No model is loaded: the served alias (@champion, i.e. Production, unless --alias) names no version",
      issues: [],
    },
    headers: {},
  });
  const http = new HttpError(401, "Unauthorized", { headers: { "www-authenticate": "Bearer" } });
  assert.deepEqual(errorResponse(http), {
    status: 401,
    body: { error: "Unauthorized", issues: [] },
    headers: { "www-authenticate": "Bearer" },
  });
});

Deno.test("extra body fields sit between error and issues, in that order", () => {
  const mapped = errorResponse(
    new HttpError(500, "Reload failed: x", { fields: { before: "v1" } }),
  );
  assert.equal(
    JSON.stringify(mapped?.body),
    '{"error":"Reload failed: x","before":"v1","issues":[]}',
  );
});

Deno.test("an untyped error is no client answer: the caller reports it as a fault", () => {
  assert.equal(errorResponse(new Error("boom")), undefined);
  assert.equal(errorResponse("boom"), undefined);
});

Deno.test("an HttpError thrown in a mounted route's middleware reaches the app's handler", async () => {
  const sub = new Hono();
  sub.use("/x/*", () => {
    throw new HttpError(404, "Not found: /x/y");
  });
  const app = new Hono();
  app.route("/", sub);
  app.onError((error, c) => respondWithError(c, error) ?? c.text("fault", 500));
  const res = await app.request("/x/y");
  assert.equal(res.status, 404);
  assert.deepEqual(await res.json(), { error: "Not found: /x/y", issues: [] });
});
