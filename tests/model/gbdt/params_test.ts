import assert from "node:assert/strict";
import { DEFAULT_GBDT_PARAMS, resolveGbdtParams } from "../../../lib/model/gbdt/params.ts";
import { assertValidParams } from "../../../lib/stage/param_schemas.ts";

Deno.test("defaults follow the documented values", () => {
  const p = DEFAULT_GBDT_PARAMS;
  assert.deepEqual(
    [p.max_bin, p.max_depth, p.max_leaves, p.learning_rate, p.n_rounds, p.lambda],
    [255, 6, 0, 0.1, 300, 1],
  );
  assert.deepEqual(
    [p.min_child_weight, p.min_split_gain, p.subsample, p.colsample_bytree, p.scale_pos_weight],
    [1, 0, 1, 1, 1],
  );
  assert.deepEqual([p.early_stopping_rounds, p.seed, p.grow_policy], [0, 0, "depthwise"]);
});

Deno.test("an invalid or unknown param is refused by name", () => {
  assert.throws(() => resolveGbdtParams({ max_bin: 256 }), /Invalid GBDT params: max_bin/);
  assert.throws(() => resolveGbdtParams({ eta: 0.3 } as never), /eta/);
  assert.throws(() => resolveGbdtParams({ max_depth: 0 }), /max_depth: must be at least 1/);
});

Deno.test("monotone constraints are 1 or -1 by feature name, none by default", () => {
  assert.deepEqual(DEFAULT_GBDT_PARAMS.monotone, {});
  assert.deepEqual(resolveGbdtParams({ monotone: { a: 1, b: -1 } }).monotone, { a: 1, b: -1 });
  assert.throws(
    () => resolveGbdtParams({ monotone: { a: 0, b: 2 } as never }),
    {
      message: "Invalid GBDT params: monotone.a: must be 1 (increasing) or -1 (decreasing); " +
        "monotone.b: must be 1 (increasing) or -1 (decreasing)",
    },
  );
});

Deno.test("the pipeline's params check names a bad monotone constraint before any stage runs", () => {
  assert.throws(
    () => assertValidParams({ train: { gbdt: { monotone: { EXT_SOURCE_1: "down" } } } }),
    {
      message: "Invalid param train.gbdt.monotone.EXT_SOURCE_1: must be 1 (increasing) or -1 " +
        '(decreasing), got "down"',
    },
  );
});
