import assert from "node:assert/strict";
import { createBatchingScorer } from "../../lib/scoring/mod.ts";
import type { OnnxScorer } from "../../lib/model/onnx/mod.ts";

/** A scorer returning each row's first value, recording the size of every run. */
function fakeOnnx(runs: number[]): OnnxScorer {
  return {
    featureCount: 2,
    score(values, rows) {
      runs.push(rows);
      return Promise.resolve(Float32Array.from({ length: rows }, (_, i) => values[2 * i]));
    },
    release: () => Promise.resolve(),
  };
}

Deno.test("calls made while a run is in flight share the next run and get their own rows back", async () => {
  const runs: number[] = [];
  const scorer = createBatchingScorer(fakeOnnx(runs));
  const calls = [
    scorer.score(Float32Array.of(1, 0), 1),
    scorer.score(Float32Array.of(2, 0, 3, 0), 2),
    scorer.score(Float32Array.of(4, 0), 1),
  ];
  const results = await Promise.all(calls);
  assert.deepEqual(results.map((r) => [...r]), [[1], [2, 3], [4]]);
  assert.deepEqual(runs, [1, 3]);
  assert.deepEqual(scorer.stats(), { runs: 2, rows: 4 });
});

Deno.test("a run never gathers more than maxRows rows from several calls", async () => {
  const runs: number[] = [];
  const scorer = createBatchingScorer(fakeOnnx(runs), { maxRows: 2 });
  const one = () => scorer.score(Float32Array.of(7, 0), 1);
  await Promise.all([one(), one(), one(), one(), one()]);
  assert.deepEqual(runs, [1, 2, 2]);
});

Deno.test("a call with the wrong number of values is rejected without a run", async () => {
  const runs: number[] = [];
  const scorer = createBatchingScorer(fakeOnnx(runs));
  await assert.rejects(scorer.score(Float32Array.of(1, 2, 3), 1), /expected 1 × 2 values, got 3/);
  assert.deepEqual(runs, []);
});

Deno.test("a caller may reuse its buffer once score() returns; rows staged mid-run never disturb it", async () => {
  // Each run answers a turn later and checks that its rows are still the ones it was given.
  const seen: number[][] = [];
  const slow: OnnxScorer = {
    featureCount: 2,
    async score(values, rows) {
      const given = [...values];
      await new Promise((resolve) => setTimeout(resolve, 1));
      assert.deepEqual([...values], given, "a run's rows changed while it was in flight");
      seen.push(given);
      return Float32Array.from({ length: rows }, (_, i) => values[2 * i] + values[2 * i + 1]);
    },
    release: () => Promise.resolve(),
  };
  const scorer = createBatchingScorer(slow, { maxRows: 3 });
  const buffer = new Float64Array(2);
  const calls: Promise<Float32Array>[] = [];
  // 200 single rows and a few wide calls: the staging buffer grows and compacts meanwhile.
  for (let i = 0; i < 200; i++) {
    buffer[0] = i;
    buffer[1] = 0.5;
    calls.push(scorer.score(buffer, 1));
    if (i % 50 === 25) calls.push(scorer.score(new Float64Array(10).fill(i), 5));
  }
  const results = await Promise.all(calls);
  let k = 0;
  for (let i = 0; i < 200; i++) {
    assert.deepEqual([...results[k++]], [i + 0.5]);
    if (i % 50 === 25) assert.deepEqual([...results[k++]], [2 * i, 2 * i, 2 * i, 2 * i, 2 * i]);
  }
  assert.ok(seen.every((rows) => rows.length <= 2 * 5));
  assert.equal(scorer.stats().rows, 200 + 4 * 5);
});
