import assert from "node:assert/strict";
import { decileTable } from "../../../lib/evaluation/validation/mod.ts";
import { ks } from "../../../lib/model/metrics/mod.ts";
import { createRng } from "../../../lib/random/mod.ts";

Deno.test("a perfectly separating score reaches KS 1 at the second decile", () => {
  const scores = Array.from({ length: 100 }, (_, i) => i / 100);
  const labels = scores.map((s) => (s >= 0.8 ? 1 : 0));
  const rows = decileTable(scores, labels);
  assert.deepEqual(rows.map((r) => r.bads), [10, 10, 0, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(rows.map((r) => r.ks).slice(0, 3), [0.5, 1, 1 - 10 / 80]);
  assert.equal(ks(scores, labels).statistic, 1);
});

Deno.test("deciles add up, and their cumulative shares match a direct count at each boundary", () => {
  const rng = createRng(5);
  const n = 997;
  const scores = Array.from({ length: n }, () => rng.float());
  const labels = scores.map((s) => (rng.float() < 0.1 + 0.5 * s ? 1 : 0));
  const rows = decileTable(scores, labels);
  assert.equal(rows.reduce((s, r) => s + r.count, 0), n);
  const bads = labels.reduce((s: number, y) => s + y, 0);
  assert.equal(rows.reduce((s, r) => s + r.bads, 0), bads);
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let taken = 0;
  for (const row of rows) {
    taken += row.count;
    const top = order.slice(0, taken);
    const topBads = top.filter((i) => labels[i] === 1).length;
    assert.ok(Math.abs(row.cumulativeBadShare - topBads / bads) < 1e-12);
    assert.ok(Math.abs(row.cumulativeGoodShare - (taken - topBads) / (n - bads)) < 1e-12);
    assert.equal(row.bads + row.goods, row.count);
  }
});

Deno.test("the largest decile KS is at most the exact KS and close to it", () => {
  const rng = createRng(9);
  const scores = Array.from({ length: 4000 }, () => rng.float());
  const labels = scores.map((s) => (rng.float() < 0.05 + 0.3 * s * s ? 1 : 0));
  const decileKs = Math.max(...decileTable(scores, labels).map((r) => r.ks));
  const exact = ks(scores, labels).statistic;
  assert.ok(decileKs <= exact + 1e-12, `${decileKs} > ${exact}`);
  assert.ok(exact - decileKs < 0.03, `decile KS ${decileKs} far from exact ${exact}`);
});
