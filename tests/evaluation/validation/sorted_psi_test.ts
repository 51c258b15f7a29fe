import assert from "node:assert/strict";
import fc from "fast-check";
import { psi, type PsiResult } from "../../../lib/drift/stats/mod.ts";
import { sortedFinite, sortedPsi } from "../../../lib/evaluation/validation/sorted_psi.ts";

/** Every number of a PSI result as its bits, so -0 against +0 or a last-ulp change fails. */
function bitsOf(result: PsiResult): string[] {
  const numbers = [result.value];
  for (const b of result.bins) {
    numbers.push(b.lower, b.upper, b.referenceShare, b.currentShare, b.contribution);
  }
  const view = new DataView(new ArrayBuffer(8));
  return numbers.map((n) => {
    view.setFloat64(0, n);
    return view.getBigUint64(0).toString(16);
  });
}

function assertSame(reference: Float64Array, current: Float64Array, bins?: number): void {
  const options = bins === undefined ? {} : { bins };
  assert.deepEqual(
    bitsOf(sortedPsi(reference, current, options)),
    bitsOf(psi(reference, current, options)),
  );
}

// Few distinct values (ties at the edges), the specials, and arbitrary doubles; columns
// past 512 values go through the radix sort, shorter ones through the native sort.
const special = fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 5e-324, -5e-324, 1, -1);
const value = fc.oneof(
  { arbitrary: fc.integer({ min: -3, max: 3 }), weight: 3 },
  { arbitrary: special, weight: 2 },
  { arbitrary: fc.double(), weight: 2 },
);
const column = fc.oneof(
  fc.array(value, { maxLength: 40 }),
  fc.array(value, { minLength: 500, maxLength: 2500 }),
).map((list) => Float64Array.from(list));

Deno.test("sortedPsi gives psi's value and bins bit for bit on adversarial columns", () => {
  fc.assert(
    fc.property(column, column, fc.integer({ min: 1, max: 12 }), (reference, current, bins) => {
      assertSame(reference, current, bins);
    }),
    { numRuns: 300, seed: 18 },
  );
});

Deno.test("sortedPsi equals psi on all-equal, empty, all-missing and signed-zero columns", () => {
  const n = 2000;
  const fill = (v: number, length = n) => new Float64Array(length).fill(v);
  const zeros = Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? -0 : 0));
  const halfInfinite = Float64Array.from({ length: n }, (_, i) => (i % 2 ? Infinity : i));
  const columns = [
    fill(7),
    fill(NaN),
    fill(-Infinity),
    new Float64Array(0),
    zeros,
    halfInfinite,
    Float64Array.from({ length: n }, (_, i) => Math.floor(i / 400)), // five tied levels
    Float64Array.from({ length: n }, (_, i) => (i < 1900 ? 0 : i)), // one level holds 95%
  ];
  for (const reference of columns) {
    for (const current of columns) assertSame(reference, current);
  }
});

Deno.test("sortedPsi on plain arrays equals psi on the same numbers", () => {
  const reference = Array.from({ length: 900 }, (_, i) => (i * 7919) % 101 - 50);
  const current = Array.from({ length: 700 }, (_, i) => (i % 13 === 0 ? NaN : (i * 31) % 97));
  assert.deepEqual(
    bitsOf(sortedPsi(reference, current)),
    bitsOf(psi(reference, current)),
  );
});

Deno.test("sortedFinite drops NaN and infinities and keeps -0 before +0", () => {
  const sorted = sortedFinite(Float64Array.of(3, NaN, 0, -Infinity, -0, Infinity, -2));
  assert.deepEqual(Array.from(sorted), [-2, -0, 0, 3]);
  assert.ok(Object.is(sorted[1], -0) && Object.is(sorted[2], 0));
});
