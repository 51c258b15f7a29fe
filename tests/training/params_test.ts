import assert from "node:assert/strict";
import { TrainParams } from "../../lib/training/params.ts";
import { findParamProblems } from "../../lib/stage/param_schemas.ts";

Deno.test("the cross-validation params default to 5 folds below 50,000 rows", () => {
  const params = TrainParams.parse({});
  assert.equal(params.cv_below_rows, 50_000);
  assert.equal(params.cv_folds, 5);
  assert.deepEqual(params.cv_l2_grid, [1e-4, 1e-3, 1e-2, 0.1, 1, 10, 100, 1e3, 1e4]);
});

Deno.test("bad cross-validation params are named before any stage runs", () => {
  const problems = findParamProblems({
    train: { cv_folds: 1, cv_below_rows: -3, cv_l2_grid: [] },
  });
  const fields = problems.map((p) => p.field).sort();
  assert.deepEqual(fields, ["train.cv_below_rows", "train.cv_folds", "train.cv_l2_grid"]);
});

Deno.test("bad scorecard and choose params are named before any stage runs", () => {
  assert.deepEqual(
    findParamProblems({ train: { choose: "scorecard", scorecard: { enabled: false } } }),
    [{
      field: "train.choose",
      rule: "bad_param",
      detail: 'cannot choose the scorecard when train.scorecard.enabled is false, got "scorecard"',
    }],
  );
  const problems = findParamProblems({
    train: { choose: "forest", scorecard: { pdo: 0, bins: 3 } },
  });
  assert.deepEqual(problems.map((p) => [p.field, p.rule]), [
    ["train.scorecard.pdo", "bad_param"],
    ["train.scorecard.bins", "unknown_param"],
    ["train.choose", "bad_param"],
  ]);
  assert.deepEqual(
    findParamProblems({ train: { choose: "gbdt", scorecard: { enabled: false } } }),
    [],
  );
});

Deno.test("bad outlier params are named before any stage runs", () => {
  const problems = findParamProblems({
    train: { outliers: { n_trees: 0, contamination: 0.7, seed: 1.5, depth: 3 } },
  });
  assert.deepEqual(problems.map((p) => [p.field, p.rule]).sort(), [
    ["train.outliers.contamination", "bad_param"],
    ["train.outliers.depth", "unknown_param"],
    ["train.outliers.n_trees", "bad_param"],
    ["train.outliers.seed", "bad_param"],
  ]);
  assert.deepEqual(findParamProblems({ train: { outliers: { enabled: false } } }), []);
});
