import assert from "node:assert/strict";
import { createRng, type Rng } from "../../lib/random/mod.ts";
import { harness } from "./harness.ts";
import { mutateRow, pickValue } from "../serving/mutate.ts";

function body(rng: Rng, rows: Record<string, unknown>[]): string {
  const row = mutateRow(rng, rows[rng.int(0, rows.length - 1)]);
  switch (rng.int(0, 7)) {
    case 0: {
      const text = JSON.stringify(row);
      return text.slice(0, rng.int(0, text.length));
    }
    case 1:
      return String.fromCharCode(...Array.from({ length: rng.int(0, 64) }, () => rng.int(0, 255)));
    case 2:
      return "[".repeat(rng.int(1, 20000)) + "]".repeat(rng.int(0, 3));
    case 3:
      return JSON.stringify(pickValue(rng));
    case 4:
      return JSON.stringify({
        rows: Array.from({ length: rng.int(0, 4) }, () => mutateRow(rng, rows[0])),
        explain: pickValue(rng),
      });
    default:
      return JSON.stringify(row);
  }
}

Deno.test("thousands of seeded random and malformed payloads never get a 5xx", async () => {
  await using h = await harness({ maxBodyBytes: 16 * 1024 });
  const rng = createRng(2024);
  const paths = ["/predict", "/predict/batch", "/explain"];
  const types = ["application/json", "application/json; charset=utf-8", "text/plain", ""];
  const statuses = new Map<number, number>();
  for (let i = 0; i < 3000; i++) {
    const type = rng.float() < 0.95 ? types[0] : types[rng.int(1, types.length - 1)];
    const res = await h.app.request(paths[rng.int(0, paths.length - 1)], {
      method: "POST",
      headers: type === "" ? {} : { "content-type": type },
      body: body(rng, h.fixture.testRows),
    });
    await res.arrayBuffer();
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    assert.ok(res.status < 500, `payload ${i} got ${res.status}`);
  }
  assert.deepEqual(h.errors, []);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  for (const status of [200, 400, 413, 415, 422]) assert.ok(statuses.has(status), `no ${status}`);
});
