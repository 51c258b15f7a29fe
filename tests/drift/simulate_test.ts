import assert from "node:assert/strict";
import {
  applyShifts,
  checkLoopback,
  parseShift,
  sampleRows,
  sendRows,
} from "../../lib/drift/simulate.ts";

Deno.test("a shift is read as FIELD=FACTOR", () => {
  assert.deepEqual(parseShift("AMT_INCOME_TOTAL=2.5"), { field: "AMT_INCOME_TOTAL", factor: 2.5 });
});

Deno.test("a shift without a numeric factor is refused with the text", () => {
  assert.throws(() => parseShift("AMT_CREDIT=lots"), {
    message: 'Cannot read shift "AMT_CREDIT=lots": expected FIELD=FACTOR with a number',
  });
  assert.throws(() => parseShift("=2"), RangeError);
});

Deno.test("shifted fields are multiplied and missing values stay missing", () => {
  const shifted = applyShifts({ A: 10, B: null, C: "x" }, [
    { field: "A", factor: 3 },
    { field: "B", factor: 3 },
  ]);
  assert.deepEqual(shifted, { A: 30, B: null, C: "x" });
});

Deno.test("shifting a text field or an unknown field is an error naming it", () => {
  assert.throws(() => applyShifts({ C: "x" }, [{ field: "C", factor: 2 }]), {
    message: 'Cannot shift "C": it holds string values, not numbers',
  });
  assert.throws(() => applyShifts({ C: "x" }, [{ field: "D", factor: 2 }]), {
    message: 'Cannot shift "D": the rows have no such field',
  });
});

Deno.test("sampling is seeded: same seed, same rows; without replacement up to the pool", () => {
  const pool = Array.from({ length: 10 }, (_, i) => i);
  assert.deepEqual(sampleRows(pool, 5, 3), sampleRows(pool, 5, 3));
  assert.deepEqual([...sampleRows(pool, 10, 3)].sort((a, b) => a - b), pool);
  assert.equal(sampleRows(pool, 25, 3).length, 25);
});

Deno.test("only loopback servers are accepted", () => {
  assert.equal(checkLoopback("http://127.0.0.1:8000").port, "8000");
  assert.equal(checkLoopback("http://localhost:1").hostname, "localhost");
  assert.equal(checkLoopback("http://[::1]:9").port, "9");
  assert.throws(() => checkLoopback("http://example.com"), {
    message: "Cannot simulate traffic to http://example.com: only loopback servers are allowed",
  });
});

Deno.test("rows are POSTed to /predict and failures counted by status", async () => {
  const seen: unknown[] = [];
  const result = await sendRows([{ A: 1 }, { A: -1 }, { A: 2 }], {
    url: "http://127.0.0.1:9",
    concurrency: 1,
    fetch: (url, init) => {
      assert.equal(url, "http://127.0.0.1:9/predict");
      const row = JSON.parse(String(init.body));
      seen.push(row);
      return Promise.resolve(
        row.A < 0 ? new Response("bad A", { status: 422 }) : new Response("{}", { status: 200 }),
      );
    },
  });
  assert.deepEqual(seen, [{ A: 1 }, { A: -1 }, { A: 2 }]);
  assert.deepEqual(result, { sent: 3, ok: 2, failed: { 422: 1 }, firstError: "bad A" });
});
