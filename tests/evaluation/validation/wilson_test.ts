import assert from "node:assert/strict";
import { wilsonInterval, Z_95 } from "../../../lib/evaluation/validation/mod.ts";

Deno.test("the Wilson interval of 10 in 100 is [0.05522, 0.17437]", () => {
  const [low, high] = wilsonInterval(10, 100);
  // Wilson (1927) at z = 1.96: the published values for p̂ = 0.1, n = 100
  assert.ok(Math.abs(low - 0.05522) < 5e-5, String(low));
  assert.ok(Math.abs(high - 0.17437) < 5e-5, String(high));
});

Deno.test("the Wilson interval of 0 successes runs from 0 to z² / (n + z²)", () => {
  const [low, high] = wilsonInterval(0, 20);
  assert.equal(low, 0);
  assert.ok(Math.abs(high - Z_95 ** 2 / (20 + Z_95 ** 2)) < 1e-12);
  const [allLow, allHigh] = wilsonInterval(20, 20);
  assert.ok(Math.abs(allLow - 20 / (20 + Z_95 ** 2)) < 1e-12);
  assert.equal(allHigh, 1);
});

Deno.test("a Wilson interval of an impossible count is refused naming it", () => {
  assert.throws(() => wilsonInterval(5, 4), /5 successes of 4 trials/);
  assert.throws(() => wilsonInterval(0, 0), /0 successes of 0 trials/);
});
