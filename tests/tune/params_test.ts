import assert from "node:assert/strict";
import { findParamProblems } from "../../lib/stage/param_schemas.ts";
import { TuneParams } from "../../lib/tune/params.ts";

function problems(tune: unknown): string[] {
  return findParamProblems({ tune }).map((p) => `${p.field}: ${p.detail}`);
}

Deno.test("the defaults: 50 trials, 3 folds, rungs from 25 rounds by 3, an empty space", () => {
  const tune = TuneParams.parse({});
  assert.deepEqual(tune, {
    space: {},
    trials: 50,
    seed: 0,
    folds: 3,
    halving: { min_rounds: 25, eta: 3 },
  });
});

Deno.test("a range whose min is above its max is an error naming the param", () => {
  assert.deepEqual(problems({ space: { max_depth: { min: 8, max: 4 } } }), [
    'tune.space.max_depth: cannot search an empty range: min 8 is above max 4, got {"max":4,"min":8}',
  ]);
});

Deno.test("an empty list of choices is an error naming the param", () => {
  assert.deepEqual(problems({ space: { learning_rate: [] } }), [
    "tune.space.learning_rate: cannot search an empty list of choices: give at least one, got []",
  ]);
});

Deno.test("an integer param's range with no integer in it is empty", () => {
  assert.deepEqual(problems({ space: { max_depth: { min: 4.2, max: 4.8 } } }), [
    'tune.space.max_depth: cannot search an empty range: no integer lies between 4.2 and 4.8, got {"max":4.8,"min":4.2}',
  ]);
});

Deno.test("an unknown param in the space names the nearest one", () => {
  assert.deepEqual(problems({ space: { max_dept: [4, 6] } }), [
    "tune.space.max_dept: did you mean tune.space.max_depth?",
  ]);
});

Deno.test("a value the train.gbdt schema refuses names the end or choice and the rule", () => {
  assert.deepEqual(problems({ space: { subsample: { min: 0, max: 1 }, max_depth: [4, 40] } }), [
    "tune.space.max_depth.1: train.gbdt.max_depth must be an integer ≥ 0 and ≤ 30, got 40",
    "tune.space.subsample.min: train.gbdt.subsample must be a number > 0 and ≤ 1, got 0",
  ]);
});

Deno.test("a log range needs a positive min", () => {
  assert.deepEqual(problems({ space: { lambda: { min: 0, max: 10, log: true } } }), [
    "tune.space.lambda.min: a log range needs min > 0, got 0",
  ]);
});
