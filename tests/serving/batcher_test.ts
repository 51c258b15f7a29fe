import assert from "node:assert/strict";
import { createBatchingScorer } from "../../lib/serving/mod.ts";
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
