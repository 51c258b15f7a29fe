import assert from "node:assert/strict";
import { parse as parseYaml } from "yaml";
import { assertValidParams, findParamProblems } from "../../lib/stage/param_schemas.ts";
import { TrainParams } from "../../lib/training/params.ts";
import { resolveGbdtParams } from "../../lib/model/gbdt/params.ts";

const pipelineParams = async (): Promise<Record<string, Record<string, unknown>>> =>
  parseYaml(await Deno.readTextFile(new URL("../../pipeline.yaml", import.meta.url))).params;

Deno.test("the params of the repo's pipeline.yaml pass every section schema", async () => {
  assert.deepEqual(findParamProblems(await pipelineParams()), []);
});

Deno.test("every bad param is named by its dotted key, rule and value, all at once", async () => {
  const params = await pipelineParams();
  const gbdt = (params.train as { gbdt: Record<string, unknown> }).gbdt;
  gbdt.max_depth = -1;
  gbdt.learning_rate = "abc";
  params.split.test_size = 2;
  params.gate.enforce = "yes";
  params.serve.tier_thresholds = [0.1];
  params.data.source = "sql";
  assert.throws(
    () => assertValidParams(params, { fromFlag: new Set(["train.gbdt.learning_rate"]) }),
    {
      name: "PipelineError",
      message: [
        "Invalid params: 6 problems",
        '  - Invalid param data.source: must be one of "synthetic", "home-credit", "csv", got "sql"',
        "  - Invalid param split.test_size: must be a number > 0 and < 1, got 2",
        "  - Invalid param train.gbdt.max_depth: must be an integer ≥ 0 and ≤ 30, got -1",
        '  - Invalid param train.gbdt.learning_rate (from --set-param): must be a number > 0 and ≤ 1, got "abc"',
        '  - Invalid param gate.enforce: must be true or false, got "yes"',
        "  - Invalid param serve.tier_thresholds: needs 3 thresholds for 4 tiers, got [0.1]",
      ].join("\n"),
    },
  );
});

Deno.test("an unknown key in a section names the nearest known one", () => {
  assert.throws(() => assertValidParams({ train: { gbdt: { max_dept: 6 } } }), {
    message: "Unknown param train.gbdt.max_dept: did you mean train.gbdt.max_depth?",
  });
  assert.throws(() => assertValidParams({ split: { colour: 1 } }), {
    message: "Unknown param split.colour: split has no such param",
  });
});

Deno.test("a required key that is missing is named with its rule", () => {
  assert.throws(
    () => assertValidParams({ data: { csv: { path: "x.csv", positive_label: 1 } } }),
    { message: "Invalid param data.csv.target_column: missing, must be a non-empty string" },
  );
});

Deno.test("a depth of 0 with depthwise growth is refused before training", () => {
  assert.throws(() => assertValidParams({ train: { gbdt: { max_depth: 0 } } }), {
    message: "Invalid param train.gbdt.max_depth: must be at least 1 with depthwise growth, got 0",
  });
});

Deno.test("sections the registry does not list are not checked", () => {
  assert.deepEqual(findParamProblems({ a: { k: "anything" }, register: { promote: "auto" } }), []);
});

Deno.test("the trainer reads train.gbdt with the schema the pipeline checks", () => {
  const params = TrainParams.parse({ gbdt: { max_depth: 4 } });
  assert.deepEqual(params.gbdt, resolveGbdtParams({ max_depth: 4 }));
  assert.equal(TrainParams.safeParse({ gbdt: { max_depth: -1 } }).success, false);
});
