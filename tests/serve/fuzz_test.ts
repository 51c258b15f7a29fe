/**
 * The CI-sized run of the API fuzzer (tests/faults/fuzz_api.ts): a few hundred seeded
 * fast-check cases per served model; `deno task faults:fuzz --cases 10000` is the long run.
 */
import assert from "node:assert/strict";
import { Hono } from "hono";
import { csvServingFixture } from "../scoring/csv_serving_fixture.ts";
import { servingFixture } from "../scoring/serving_fixture.ts";
import { fuzzApi, type FuzzSummary } from "../faults/fuzz_api.ts";
import { checkRequest, FuzzFinding, type FuzzTarget } from "../faults/fuzz_checks.ts";

function assertCovered(summary: FuzzSummary): void {
  assert.deepEqual(summary.findings, []);
  for (const status of ["200", "400", "401", "404", "413", "415", "422"]) {
    assert.ok(summary.statuses[status] > 0, `no case got ${status}`);
  }
  for (const kind of ["POST /predict", "POST /explain", "POST /predict/batch"]) {
    assert.ok(summary.kinds[kind] > 0, `no case was ${kind}`);
  }
  const kinds = Object.keys(summary.kinds);
  for (const route of ["GET /", "/admin/", "/drift/*"]) {
    assert.ok(kinds.some((kind) => kind.includes(route)), `no case was ${route}`);
  }
}

Deno.test("300 seeded fuzz cases on the Home Credit model break no promise of the API", async () => {
  const summary = await fuzzApi({ fixture: servingFixture(), cases: 300, seed: 11 });
  assert.equal(summary.cases, 300);
  assertCovered(summary);
});

Deno.test("200 seeded fuzz cases on the csv model break no promise of the API", async () => {
  const fixture = csvServingFixture();
  try {
    const summary = await fuzzApi({ fixture, cases: 200, seed: 12 });
    assert.equal(summary.cases, 200);
    assertCovered(summary);
  } finally {
    await (await fixture).dispose();
  }
});

Deno.test("the same seed sends the same cases and gets the same answers", async () => {
  const a = await fuzzApi({ fixture: servingFixture(), cases: 60, seed: 5 });
  const b = await fuzzApi({ fixture: servingFixture(), cases: 60, seed: 5 });
  assert.deepEqual(a, b);
});

function brokenTarget(app: Hono): FuzzTarget {
  return {
    app,
    columns: [{ name: "x", type: "int", nullable: false }],
    tiers: ["low", "high"],
    adminToken: "t",
    errors: [],
    expectedScore: () => 0.5,
    maxBodyBytes: 1000,
    maxBatchRows: 2,
  };
}

const request = (body: string) => ({
  method: "POST",
  path: "/predict",
  headers: { "content-type": "application/json" },
  body: new TextEncoder().encode(body),
  kind: "POST /predict",
});

Deno.test("the checks catch a 5xx, an unnamed field and a malformed 200", async () => {
  const app = new Hono();
  app.post("/predict", async (c) => {
    const body = await c.req.json();
    if (body.x === 1) return c.json({ error: "boom", issues: [] }, 500);
    if (body.x === 2) {
      return c.json({ probability: 1.5, tier: "low", requestId: "r", modelVersion: "v" });
    }
    return c.json(
      { error: "Invalid request", issues: [{ field: "", rule: "type", message: "m" }] },
      422,
    );
  });
  const target = brokenTarget(app);
  const rule = async (body: string) => {
    try {
      await checkRequest(target, request(body));
      return "none";
    } catch (error) {
      assert.ok(error instanceof FuzzFinding, String(error));
      return error.rule;
    }
  };
  assert.equal(await rule('{"x": 1}'), "no_5xx");
  assert.equal(await rule('{"x": 2}'), "ok_shape");
  assert.equal(await rule('{"x": "a"}'), "fields_named");
});
