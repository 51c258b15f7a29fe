import assert from "node:assert/strict";
import { createRng, type Rng } from "../../lib/random/mod.ts";
import { harness } from "./harness.ts";

const WEIRD: unknown[] = [
  null,
  true,
  false,
  0,
  -0,
  -1,
  1e308,
  -1e308,
  5e-324,
  Number.MAX_SAFE_INTEGER + 2,
  "",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e999",
  "\u0000",
  "\ud800",
  "🙂".repeat(50),
  "x".repeat(5000),
  [],
  [1, 2],
  {},
  { nested: { deeper: [null] } },
  "__proto__",
];

function pickValue(rng: Rng): unknown {
  switch (rng.int(0, 3)) {
    case 0:
      return WEIRD[rng.int(0, WEIRD.length - 1)];
    case 1:
      return (rng.float() - 0.5) * 10 ** rng.int(0, 12);
    case 2:
      return rng.int(-5, 5);
    default:
      return String.fromCharCode(
        ...Array.from({ length: rng.int(0, 8) }, () => rng.int(0, 0xffff)),
      );
  }
}

function mutateRow(rng: Rng, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  const keys = Object.keys(out);
  for (let k = rng.int(1, 4); k > 0; k--) {
    const key = keys[rng.int(0, keys.length - 1)];
    const action = rng.int(0, 3);
    if (action === 0) delete out[key];
    else if (action === 1) out[`${key}_${rng.int(0, 9)}`] = pickValue(rng);
    else out[key] = pickValue(rng);
  }
  if (rng.float() < 0.05) out["__proto__"] = { polluted: true };
  return out;
}

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
