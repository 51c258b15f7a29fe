import assert from "node:assert/strict";
import { confusionByTier } from "../../lib/evaluation/mod.ts";
import { TierParams, TierSpec } from "../../lib/tiers/mod.ts";

const THREE_TIERS: TierSpec = { names: ["low", "medium", "high"], thresholds: [0.05, 0.15] };

Deno.test("rows fall in the first tier whose threshold they are below, else the last", () => {
  const scores = [0.01, 0.049, 0.05, 0.1, 0.149, 0.15, 0.9];
  const labels = [0, 1, 0, 1, 1, 1, 0];
  const tiers = confusionByTier(scores, labels, THREE_TIERS);
  assert.deepEqual(tiers.map((t) => [t.tier, t.lower, t.upper, t.rows, t.positives, t.negatives]), [
    ["low", 0, 0.05, 2, 1, 1],
    ["medium", 0.05, 0.15, 3, 2, 1],
    ["high", 0.15, 1, 2, 1, 1],
  ]);
  assert.deepEqual(tiers.map((t) => t.shareOfPositives), [0.25, 0.5, 0.25]);
  assert.deepEqual(tiers.map((t) => t.positiveRate), [0.5, 2 / 3, 0.5]);
  assert.deepEqual(tiers.map((t) => t.shareOfRows), [2 / 7, 3 / 7, 2 / 7]);
});

Deno.test("an empty tier has zero rates rather than NaN", () => {
  const tiers = confusionByTier([0.01, 0.02], [0, 0], THREE_TIERS);
  assert.deepEqual(tiers.map((t) => [t.rows, t.positiveRate, t.shareOfPositives]), [
    [2, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ]);
});

Deno.test("tier bands need one threshold fewer than names, increasing", () => {
  assert.equal(TierSpec.safeParse({ names: ["a", "b"], thresholds: [0.1, 0.2] }).success, false);
  assert.equal(
    TierSpec.safeParse({ names: ["a", "b", "c"], thresholds: [0.2, 0.1] }).success,
    false,
  );
  assert.equal(TierSpec.safeParse({ names: ["a", "b"], thresholds: [0.1] }).success, true);
});

Deno.test("probabilities and labels of different lengths are refused", () => {
  assert.throws(() => confusionByTier([0.1], [0, 1], THREE_TIERS), {
    name: "RangeError",
    message: "Cannot tabulate tiers: 1 probabilities but 2 labels",
  });
});

Deno.test("tier params default to the served tiers and name a bad threshold list", () => {
  assert.deepEqual(TierParams.parse({}), {
    by: "thresholds",
    spec: { names: ["low", "medium", "high", "very_high"], thresholds: [0.05, 0.12, 0.25] },
  });
  const bad = TierParams.safeParse({ tier_names: ["a", "b"], tier_thresholds: [0.3, 0.2] });
  assert.equal(bad.success, false);
  assert.ok(bad.error?.issues.length);
  assert.ok(bad.error?.issues.every((i) => i.path.join(".") === "tier_thresholds"));
});
