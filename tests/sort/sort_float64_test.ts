import assert from "node:assert/strict";
import fc from "fast-check";
import { sortFloat64 } from "../../lib/sort/mod.ts";

function bitsOf(values: Float64Array): number[] {
  return Array.from(new Uint32Array(values.buffer));
}

function nativeSorted(values: Float64Array): Float64Array {
  return values.slice().sort();
}

Deno.test("the radix sort gives the native sort's order bit for bit", () => {
  const value = fc.oneof(
    fc.double(),
    fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1, -1, 5e-324, -5e-324),
    fc.integer({ min: -3, max: 3 }),
  );
  fc.assert(
    fc.property(fc.array(value, { minLength: 500, maxLength: 3000 }), (list) => {
      const values = Float64Array.from(list);
      const expected = nativeSorted(values);
      sortFloat64(values);
      assert.deepEqual(bitsOf(values), bitsOf(expected));
    }),
    { numRuns: 60, seed: 18 },
  );
});

Deno.test("the radix sort orders -0 before +0 and NaN last, like the native sort", () => {
  const values = new Float64Array(1000);
  for (let i = 0; i < values.length; i++) values[i] = [0, -0, NaN, -2.5, 7][i % 5];
  const expected = nativeSorted(values);
  sortFloat64(values);
  assert.deepEqual(bitsOf(values), bitsOf(expected));
  assert.ok(Object.is(values[200], -0) && Object.is(values[399], -0));
  assert.ok(Object.is(values[400], 0) && Number.isNaN(values[999]));
});
