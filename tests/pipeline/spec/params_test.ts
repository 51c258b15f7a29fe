import assert from "node:assert/strict";
import { PipelineError } from "../../../lib/pipeline/spec/errors.ts";
import { applySetParams, getParam, stageParamValues } from "../../../lib/pipeline/spec/params.ts";
import type { PipelineSpec, StageSpec } from "../../../lib/pipeline/spec/types.ts";

const params = {
  data: { seed: 42, source: "synthetic" },
  train: { eta: 0.1, depth: 6 },
  tag: null,
};

Deno.test("getParam walks a dotted key into nested params", () => {
  assert.equal(getParam(params, "train.eta"), 0.1);
  assert.deepEqual(getParam(params, "data"), { seed: 42, source: "synthetic" });
});

Deno.test("getParam returns a param whose value is null", () => {
  assert.equal(getParam(params, "tag"), null);
});

Deno.test("getParam throws a PipelineError naming a missing key", () => {
  assert.throws(() => getParam(params, "train.etaa"), (error: unknown) => {
    assert.ok(error instanceof PipelineError);
    assert.equal(error.message, 'Cannot read params: key "train.etaa" is not in params');
    assert.equal(error.rule, "missing_param");
    return true;
  });
});

Deno.test("getParam does not descend into a scalar", () => {
  assert.throws(() => getParam(params, "train.eta.x"), { rule: "missing_param" });
});

Deno.test("stageParamValues returns the named values with sorted keys", () => {
  const stage: StageSpec = {
    name: "train",
    cmd: ["x"],
    deps: [],
    params: ["train.eta", "data.seed"],
    outs: [],
    alwaysChanged: false,
    frozen: false,
  };
  const spec: PipelineSpec = { params, stages: [stage] };
  const values = stageParamValues(spec, stage);
  assert.deepEqual(Object.keys(values), ["data.seed", "train.eta"]);
  assert.deepEqual(values, { "data.seed": 42, "train.eta": 0.1 });
});

Deno.test("applySetParams parses values as YAML scalars", () => {
  const result = applySetParams(params, [
    "train.eta=0.05",
    "train.depth=8",
    "data.source=kaggle",
    "data.seed=true",
    "tag=~",
  ]);
  assert.deepEqual(result, {
    data: { seed: true, source: "kaggle" },
    train: { eta: 0.05, depth: 8 },
    tag: null,
  });
});

Deno.test("applySetParams keeps quoted numbers as strings and the rest after the first =", () => {
  const result = applySetParams(params, ['data.source="42"', "tag=a=b"]);
  assert.equal((result.data as Record<string, unknown>).source, "42");
  assert.equal(result.tag, "a=b");
});

Deno.test("applySetParams leaves its input untouched", () => {
  applySetParams(params, ["train.eta=0.5"]);
  assert.equal(params.train.eta, 0.1);
});

Deno.test("applySetParams rejects an unknown key", () => {
  assert.throws(() => applySetParams(params, ["train.etaa=1"]), {
    message: "Cannot apply --set-param: unknown param train.etaa: did you mean train.eta?",
    rule: "unknown_param",
  });
});

Deno.test("applySetParams rejects an assignment without a value", () => {
  assert.throws(() => applySetParams(params, ["train.eta"]), {
    message: 'Cannot apply --set-param: expected key=value, received "train.eta"',
    rule: "bad_set_param",
  });
});

Deno.test("applySetParams rejects replacing a whole section", () => {
  assert.throws(() => applySetParams(params, ["train=1"]), {
    message: 'Cannot apply --set-param: key "train" is a section of params, not a value',
  });
});

Deno.test("applySetParams rejects a value that is not a scalar", () => {
  assert.throws(() => applySetParams(params, ["train.eta=[1, 2]"]), {
    message: 'Cannot apply --set-param: value of "train.eta" is not a YAML scalar: [1, 2]',
  });
});

Deno.test("applySetParams reports every bad assignment together", () => {
  assert.throws(() => applySetParams(params, ["a=1", "b=2"]), (error: unknown) => {
    assert.ok(error instanceof PipelineError);
    assert.equal(error.rule, "multiple");
    assert.deepEqual(error.problems.map((problem) => problem.detail), [
      "unknown param a: not in the params of pipeline.yaml",
      "unknown param b: not in the params of pipeline.yaml",
    ]);
    return true;
  });
});
