import assert from "node:assert/strict";
import { assignTier, DEFAULT_TIERS, TierSpec } from "../../lib/tiers/mod.ts";

Deno.test("a probability falls in the first tier whose threshold it is below", () => {
  assert.deepEqual(
    [0, 0.0499, 0.05, 0.119, 0.12, 0.25, 1].map((p) => assignTier(p, DEFAULT_TIERS)),
    ["low", "low", "medium", "medium", "high", "very_high", "very_high"],
  );
});

Deno.test("tier specs need one threshold fewer than names, increasing inside (0, 1)", () => {
  assert.equal(TierSpec.safeParse({ names: ["a", "b"], thresholds: [0.5] }).success, true);
  assert.equal(TierSpec.safeParse({ names: ["a", "b"], thresholds: [] }).success, false);
  assert.equal(
    TierSpec.safeParse({ names: ["a", "b", "c"], thresholds: [0.3, 0.2] }).success,
    false,
  );
  assert.equal(TierSpec.safeParse({ names: ["a", "b"], thresholds: [1] }).success, false);
});
