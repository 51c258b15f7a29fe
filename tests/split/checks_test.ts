import assert from "node:assert/strict";
import {
  checkDisjoint,
  checkIds,
  checkTargetRates,
  checkTargets,
  targetRate,
} from "../../lib/split/checks.ts";

Deno.test("duplicate ids are refused with each id and its row count", () => {
  assert.throws(() => checkIds("SK_ID_CURR", [1, 2, 2, 3, 3, 3]), {
    name: "SplitCheckError",
    check: "duplicate_ids",
    message:
      "Cannot split: 2 SK_ID_CURR values appear on more than one row: 2 (2 rows), 3 (3 rows)",
  });
});

Deno.test("missing ids are refused with their count", () => {
  assert.throws(() => checkIds("id", ["a", null, null]), {
    check: "missing_ids",
    message: "Cannot split: id is missing on 2 rows",
  });
});

Deno.test("a target other than 0 or 1 is refused naming the first row's id", () => {
  assert.throws(() => checkTargets("TARGET", "SK_ID_CURR", [10, 11, 12], [0, 2, null]), {
    check: "target_values",
    message: "Cannot split: TARGET must be 0 or 1 but is 2 for SK_ID_CURR 11 (2 rows)",
  });
});

Deno.test("an id in both parts is refused with the shared ids", () => {
  assert.throws(() => checkDisjoint("SK_ID_CURR", [1, 2, 3], [3, 4, 1]), {
    check: "ids_disjoint",
    message: "Cannot split: 2 SK_ID_CURR values are in both train and test: 3, 1",
  });
  checkDisjoint("SK_ID_CURR", [1, 2], [3]);
});

Deno.test("target rates further apart than the tolerance are refused", () => {
  const train = targetRate([1, 0, 0, 0]);
  const test = targetRate([1, 1, 0, 0]);
  assert.throws(() => checkTargetRates(train, test, 0.2), {
    check: "target_rate",
    message:
      "Cannot split: target rate differs by 0.250000 between train (0.250000) and test (0.500000), more than target_rate_tolerance 0.2",
  });
  checkTargetRates(train, test, 0.25);
});
