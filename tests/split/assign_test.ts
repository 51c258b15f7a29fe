import assert from "node:assert/strict";
import { assignStratified } from "../../lib/split/assign.ts";
import { createRng } from "../../lib/random/mod.ts";

const rng = createRng(5);
const ids = Array.from({ length: 1000 }, (_, i) => 5000 + i);
const labels: number[] = ids.map(() => (rng.bernoulli(0.08) ? 1 : 0));
const positives = labels.reduce((a, b) => a + b, 0);

Deno.test("each class sends its rounded test share to test", () => {
  const isTest = assignStratified(ids, labels, { testSize: 0.2, seed: 1 });
  const testPositives = labels.filter((y, i) => y === 1 && isTest[i] === 1).length;
  const testNegatives = labels.filter((y, i) => y === 0 && isTest[i] === 1).length;
  assert.equal(testPositives, Math.round(positives * 0.2));
  assert.equal(testNegatives, Math.round((1000 - positives) * 0.2));
});

Deno.test("the assignment depends on ids and seed, not on row order", () => {
  const forward = assignStratified(ids, labels, { testSize: 0.2, seed: 1 });
  const reversedIds = [...ids].reverse();
  const reversedLabels = [...labels].reverse();
  const backward = assignStratified(reversedIds, reversedLabels, { testSize: 0.2, seed: 1 });
  const testOf = (isTest: Uint8Array, list: number[]) =>
    list.filter((_, i) => isTest[i] === 1).sort((a, b) => a - b);
  assert.deepEqual(testOf(backward, reversedIds), testOf(forward, ids));
});

Deno.test("the same seed repeats the assignment and another seed changes it", () => {
  const a = assignStratified(ids, labels, { testSize: 0.2, seed: 1 });
  assert.deepEqual(assignStratified(ids, labels, { testSize: 0.2, seed: 1 }), a);
  assert.notDeepEqual(assignStratified(ids, labels, { testSize: 0.2, seed: 2 }), a);
});

Deno.test("text ids are ordered by code unit before shuffling", () => {
  const textIds = ["b", "a", "d", "c"];
  const isTest = assignStratified(textIds, [0, 0, 1, 1], { testSize: 0.5, seed: 3 });
  const again = assignStratified(["a", "b", "c", "d"], [0, 0, 1, 1], { testSize: 0.5, seed: 3 });
  const picked = (list: string[], marks: Uint8Array) =>
    list.filter((_, i) => marks[i] === 1).sort();
  assert.deepEqual(picked(textIds, isTest), picked(["a", "b", "c", "d"], again));
  assert.equal(picked(textIds, isTest).length, 2);
});

Deno.test("a test size outside (0, 1) is refused", () => {
  assert.throws(() => assignStratified(ids, labels, { testSize: 1, seed: 1 }), {
    name: "RangeError",
    message: "Cannot split: test_size 1 is not in (0, 1)",
  });
});
