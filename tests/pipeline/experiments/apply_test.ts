import assert from "node:assert/strict";
import { parse } from "yaml";
import { setParamsInYaml } from "../../../lib/pipeline/experiments/apply.ts";

const TEXT = `# riskpipe params
params:
  train:
    gbdt:
      max_depth: 4 # deeper trees overfit
      learning_rate: 0.05
    calibration: none # none | platt
stages:
  train:
    cmd: deno run -A stages/train.ts
    deps: [data/split/train.parquet]
`;

Deno.test("applied params change only their values: comments and layout stay", () => {
  const out = setParamsInYaml(TEXT, {
    "train.gbdt.max_depth": 6,
    "train.calibration": "platt",
  });
  assert.equal(
    out,
    TEXT.replace("max_depth: 4 #", "max_depth: 6 #").replace("none #", "platt #"),
  );
});

Deno.test("a string that YAML would misread is quoted", () => {
  const out = setParamsInYaml(TEXT, { "train.calibration": "yes: no" });
  assert.equal(
    (parse(out) as { params: { train: { calibration: string } } }).params.train
      .calibration,
    "yes: no",
  );
});

Deno.test("a param the file lacks is added under its section", () => {
  const out = setParamsInYaml(TEXT, { "train.gbdt.n_rounds": 300 });
  const params = (parse(out) as { params: { train: { gbdt: Record<string, number> } } }).params;
  assert.deepEqual(params.train.gbdt, { max_depth: 4, learning_rate: 0.05, n_rounds: 300 });
  assert.match(out, /# deeper trees overfit/);
});
