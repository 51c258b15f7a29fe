import assert from "node:assert/strict";
import { missingRate, missingRateChange } from "../../../lib/drift/stats/missing.ts";

Deno.test("missing rate counts NaN as missing", () => {
  assert.equal(missingRate([1, NaN, NaN, 4]), 0.5);
});

Deno.test("missing-rate change is current minus reference", () => {
  assert.deepEqual(missingRateChange([1, NaN, 3, 4], [NaN, NaN, 3, 4]), {
    reference: 0.25,
    current: 0.5,
    change: 0.25,
  });
});
