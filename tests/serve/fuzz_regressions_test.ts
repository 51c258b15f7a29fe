/** Regression tests of what the API fuzzer (tests/faults/fuzz_api.ts) found, one per finding. */
import assert from "node:assert/strict";
import { harness } from "./harness.ts";

Deno.test("a body past the limit gets 413 whatever Content-Length it declares", async () => {
  await using h = await harness({ maxBodyBytes: 1000 });
  const body = JSON.stringify({ ...h.fixture.testRows[0], pad: "x".repeat(2000) });
  for (const length of ["-1", "1e3", "10", "0"]) {
    const res = await h.post("/predict", body, { "content-length": length });
    assert.equal(res.status, 413, `content-length ${length}`);
    assert.deepEqual((await res.json()).issues.map((i: { rule: string }) => i.rule), ["max_bytes"]);
  }
  assert.equal(h.log.records.length, 0);
});
