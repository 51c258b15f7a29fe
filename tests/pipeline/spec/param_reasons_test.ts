import assert from "node:assert/strict";
import { paramReasons } from "../../../lib/pipeline/spec/param_reasons.ts";

const TRAIN = {
  seed: 11,
  gbdt: { max_depth: 4, learning_rate: 0.05, eval_metric: "auc" },
  baseline: { l2: 1 },
};

Deno.test("a changed key inside a named section is reported by its dotted key", () => {
  const changed = structuredClone(TRAIN);
  changed.gbdt.max_depth = 6;
  assert.deepEqual(paramReasons({ train: changed }, { train: TRAIN }), [
    "param train.gbdt.max_depth 4 → 6",
  ]);
});

Deno.test("keys added and removed inside a section are named one by one", () => {
  const changed: Record<string, unknown> = {
    seed: 11,
    gbdt: { max_depth: 4, learning_rate: 0.05, max_leaves: 8 },
    baseline: { l2: 1 },
  };
  assert.deepEqual(paramReasons({ train: changed }, { train: TRAIN }), [
    'param train.gbdt.eval_metric removed (was "auc")',
    "param train.gbdt.max_leaves added (8)",
  ]);
});

Deno.test("a value longer than 60 characters is elided", () => {
  const names = Array.from({ length: 20 }, (_, i) => `tier_${i}`);
  const [reason] = paramReasons({ "serve.tier_names": [...names, "x"] }, {
    "serve.tier_names": names,
  });
  const [before, after] = reason.slice("param serve.tier_names ".length).split(" → ");
  assert.equal(before.length, 60);
  assert.equal(before, JSON.stringify(names).slice(0, 59) + "…");
  assert.equal(after.length, 60);
});

Deno.test("a value that turns from a section into a scalar is shown whole", () => {
  assert.deepEqual(paramReasons({ p: 3 }, { p: { a: 1 } }), ['param p {"a":1} → 3']);
});

Deno.test("params named by dotted key are reported the same way", () => {
  assert.deepEqual(paramReasons({ "a.b": "x", "c": 1 }, { "a.b": "y", "d": 2 }), [
    'param a.b "y" → "x"',
    "param c added (1)",
    "param d removed (was 2)",
  ]);
});
