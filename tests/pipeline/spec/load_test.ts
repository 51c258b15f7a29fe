import assert from "node:assert/strict";
import { join } from "node:path";
import { PipelineError } from "../../../lib/pipeline/spec/errors.ts";
import { loadPipeline, parsePipeline } from "../../../lib/pipeline/spec/load.ts";

const noFiles = { exists: () => false };

function problemOf(text: string, options: { setParams?: string[]; files?: string[] } = {}) {
  const files = new Set(options.files ?? []);
  try {
    parsePipeline(text, { setParams: options.setParams, exists: (path) => files.has(path) });
  } catch (error) {
    assert.ok(error instanceof PipelineError);
    return error;
  }
  assert.fail("expected a PipelineError");
}

const EXAMPLE = `
params:
  data: { source: synthetic, seed: 42, applicants: 20000 }
  train: { learning_rate: 0.1, max_depth: 6 }
stages:
  features:
    desc: Build the feature store
    cmd: deno run -A stages/features.ts
    deps: [data/raw/parquet, ./stages//features.sql]
    params: [data.seed]
    outs:
      - data/features/
      - path: data/features/cache.db
        cache: false
        persist: true
    metrics: [reports/features.json]
    plots: [reports/plots/roc.json]
  train:
    cmd: [deno run -A stages/train.ts, echo done]
    deps: [data/features/train.parquet]
    params: [train.learning_rate]
    outs: [data/model]
    always_changed: true
    frozen: true
`;

Deno.test("a valid pipeline.yaml is normalised into a PipelineSpec", () => {
  const files = new Set(["data/raw/parquet", "stages/features.sql"]);
  const spec = parsePipeline(EXAMPLE, { exists: (path) => files.has(path) });
  assert.deepEqual(spec.params, {
    data: { source: "synthetic", seed: 42, applicants: 20000 },
    train: { learning_rate: 0.1, max_depth: 6 },
  });
  assert.deepEqual(spec.stages, [
    {
      name: "features",
      desc: "Build the feature store",
      cmd: ["deno run -A stages/features.ts"],
      deps: ["data/raw/parquet", "stages/features.sql"],
      params: ["data.seed"],
      outs: [
        { path: "data/features", cache: true, persist: false, kind: "out" },
        { path: "data/features/cache.db", cache: false, persist: true, kind: "out" },
        { path: "reports/features.json", cache: true, persist: false, kind: "metric" },
        { path: "reports/plots/roc.json", cache: true, persist: false, kind: "plot" },
      ],
      alwaysChanged: false,
      frozen: false,
    },
    {
      name: "train",
      cmd: ["deno run -A stages/train.ts", "echo done"],
      deps: ["data/features/train.parquet"],
      params: ["train.learning_rate"],
      outs: [{ path: "data/model", cache: true, persist: false, kind: "out" }],
      alwaysChanged: true,
      frozen: true,
    },
  ]);
});

Deno.test("set-param overrides are applied before the stages are checked", () => {
  const files = new Set(["data/raw/parquet", "stages/features.sql"]);
  const spec = parsePipeline(EXAMPLE, {
    setParams: ["train.learning_rate=0.05", "data.source=kaggle"],
    exists: (path) => files.has(path),
  });
  assert.deepEqual(spec.params.train, { learning_rate: 0.05, max_depth: 6 });
  assert.equal((spec.params.data as Record<string, unknown>).source, "kaggle");
});

Deno.test("an empty file is a pipeline without stages", () => {
  assert.deepEqual(parsePipeline("", noFiles), { params: {}, stages: [] });
});

Deno.test("invalid YAML is reported with its position", () => {
  const error = problemOf("stages: [\n");
  assert.equal(error.rule, "yaml_syntax");
  assert.match(
    error.message,
    /^Cannot load pipeline\.yaml: invalid YAML: .* at line \d+, column \d+$/,
  );
});

Deno.test("a document that is not a mapping is rejected", () => {
  assert.equal(
    problemOf("- a\n- b\n").message,
    'Cannot load pipeline.yaml: expected a mapping with "params" and "stages", received a list',
  );
});

Deno.test("an unknown top-level field is named with a hint", () => {
  const error = problemOf("stagez: {}\n");
  assert.equal(
    error.message,
    'Cannot load pipeline.yaml: field "stagez": unknown field, did you mean "stages"',
  );
  assert.equal(error.rule, "unknown_field");
  assert.equal(error.field, "stagez");
});

Deno.test("params that are not a mapping are rejected", () => {
  assert.equal(
    problemOf("params: [1, 2]\nstages: {}\n").message,
    'Cannot load pipeline.yaml: field "params": expected a mapping, received a list',
  );
});

Deno.test("a typo in a stage field is an unknown field with a hint", () => {
  const error = problemOf("stages:\n  a:\n    cmd: x\n    dep: [y]\n");
  assert.equal(
    error.message,
    'Cannot load pipeline.yaml: stage "a", field "dep": unknown field, did you mean "deps"',
  );
  assert.deepEqual([error.stage, error.field, error.rule], ["a", "dep", "unknown_field"]);
});

Deno.test("an unknown field far from every known one lists the allowed fields", () => {
  assert.equal(
    problemOf("stages:\n  a:\n    cmd: x\n    environment: prod\n").message,
    'Cannot load pipeline.yaml: stage "a", field "environment": unknown field, expected one of ' +
      "desc, cmd, deps, params, outs, metrics, plots, always_changed, frozen, state, writes_state",
  );
});

Deno.test("a missing cmd is reported", () => {
  const error = problemOf("stages:\n  a:\n    outs: [x]\n");
  assert.equal(
    error.message,
    'Cannot load pipeline.yaml: stage "a", field "cmd": required field is missing',
  );
  assert.equal(error.rule, "wrong_type");
});

Deno.test("a cmd of the wrong type is reported", () => {
  assert.equal(
    problemOf("stages:\n  a:\n    cmd: 5\n").message,
    'Cannot load pipeline.yaml: stage "a", field "cmd": expected a command or a list of commands, received a number',
  );
});

Deno.test("an empty cmd list is reported", () => {
  assert.equal(
    problemOf("stages:\n  a:\n    cmd: []\n").message,
    'Cannot load pipeline.yaml: stage "a", field "cmd": must not be empty',
  );
});

Deno.test("deps given as a string instead of a list are reported", () => {
  assert.equal(
    problemOf("stages:\n  a:\n    cmd: x\n    deps: data/raw\n").message,
    'Cannot load pipeline.yaml: stage "a", field "deps": expected a list, received a string',
  );
});

Deno.test("a wrong type deep in a list names the item", () => {
  const error = problemOf("stages:\n  a:\n    cmd: x\n    deps: [a, 3]\n");
  assert.equal(
    error.message,
    'Cannot load pipeline.yaml: stage "a", field "deps[1]": expected a string, received a number',
  );
  assert.equal(error.field, "deps");
});

Deno.test("a flag that is not a boolean is reported", () => {
  assert.equal(
    problemOf('stages:\n  a:\n    cmd: x\n    frozen: "yes"\n').message,
    'Cannot load pipeline.yaml: stage "a", field "frozen": expected true or false, received a string',
  );
});

Deno.test("an out mapping with a typo names the key inside the item", () => {
  const error = problemOf(
    "stages:\n  a:\n    cmd: x\n    outs:\n      - { path: o, cach: false }\n",
  );
  assert.equal(
    error.message,
    'Cannot load pipeline.yaml: stage "a", field "outs[0].cach": unknown field, did you mean "cache"',
  );
  assert.deepEqual([error.field, error.rule], ["outs", "unknown_field"]);
});

Deno.test("an out mapping without a path is reported", () => {
  assert.equal(
    problemOf("stages:\n  a:\n    cmd: x\n    metrics:\n      - { cache: false }\n").message,
    'Cannot load pipeline.yaml: stage "a", field "metrics[0].path": required field is missing',
  );
});

Deno.test("an out that is neither a path nor a mapping is reported", () => {
  assert.equal(
    problemOf("stages:\n  a:\n    cmd: x\n    plots: [[p]]\n").message,
    'Cannot load pipeline.yaml: stage "a", field "plots[0]": expected a path or a mapping with "path", received a list',
  );
});

Deno.test("a stage that is not a mapping is reported", () => {
  assert.equal(
    problemOf("stages:\n  a: echo hi\n").message,
    'Cannot load pipeline.yaml: stage "a": expected a mapping of stage fields, received a string',
  );
});

Deno.test("a bad stage name is reported", () => {
  const error = problemOf('stages:\n  "my stage":\n    cmd: x\n');
  assert.equal(
    error.message,
    'Cannot load pipeline.yaml: stage "my stage": invalid stage name, use letters, digits, "_" and "-", not starting with "-"',
  );
  assert.equal(error.rule, "bad_stage_name");
});

Deno.test("an absolute path is rejected", () => {
  const error = problemOf("stages:\n  a:\n    cmd: x\n    deps: [/etc/passwd]\n");
  assert.equal(
    error.message,
    'Cannot load pipeline.yaml: stage "a", field "deps[0]": path "/etc/passwd" is absolute, use a path relative to the repo root',
  );
  assert.equal(error.rule, "bad_path");
});

Deno.test("a path escaping the repo is rejected", () => {
  assert.equal(
    problemOf("stages:\n  a:\n    cmd: x\n    outs: [data/../../x]\n").message,
    'Cannot load pipeline.yaml: stage "a", field "outs[0]": path "data/../../x" is outside the repo',
  );
});

Deno.test("a dep that neither exists nor is produced is reported", () => {
  const error = problemOf("stages:\n  train:\n    cmd: x\n    deps: [data/x.parquet]\n");
  assert.equal(
    error.message,
    'Cannot load pipeline.yaml: stage "train", field "deps": dep "data/x.parquet" does not exist and no stage outputs it',
  );
  assert.deepEqual([error.stage, error.field, error.rule], ["train", "deps", "unknown_dep"]);
});

Deno.test("a dep that exists on disk or inside another stage's out is accepted", () => {
  const text = "stages:\n  a:\n    cmd: x\n    deps: [raw.csv]\n    outs: [data]\n" +
    "  b:\n    cmd: y\n    deps: [data/part.parquet]\n";
  const spec = parsePipeline(text, { exists: (path) => path === "raw.csv" });
  assert.deepEqual(spec.stages.map((stage) => stage.deps), [["raw.csv"], ["data/part.parquet"]]);
});

Deno.test("an out claimed by two stages is reported on the later one", () => {
  const error = problemOf(
    "stages:\n  a:\n    cmd: x\n    outs: [data/x]\n  b:\n    cmd: y\n    outs: [data/x/]\n",
  );
  assert.equal(
    error.message,
    'Cannot load pipeline.yaml: stage "b", field "outs": out "data/x" is also an out of stage "a"',
  );
  assert.deepEqual([error.stage, error.rule], ["b", "duplicate_out"]);
});

Deno.test("an out inside another stage's out is reported", () => {
  const error = problemOf(
    "stages:\n  a:\n    cmd: x\n    outs: [data]\n  b:\n    cmd: y\n    metrics: [data/m.json]\n",
  );
  assert.equal(
    error.message,
    'Cannot load pipeline.yaml: stage "b", field "metrics": out "data/m.json" is inside out "data" of stage "a"',
  );
  assert.equal(error.rule, "nested_out");
});

Deno.test("an out containing another stage's out is reported", () => {
  assert.equal(
    problemOf(
      "stages:\n  a:\n    cmd: x\n    outs: [data/m.json]\n  b:\n    cmd: y\n    outs: [data]\n",
    ).message,
    'Cannot load pipeline.yaml: stage "b", field "outs": out "data" contains out "data/m.json" of stage "a"',
  );
});

Deno.test("an out declared twice in one stage is reported", () => {
  assert.equal(
    problemOf("stages:\n  a:\n    cmd: x\n    outs: [m.json]\n    metrics: [./m.json]\n").message,
    'Cannot load pipeline.yaml: stage "a", field "metrics": out "m.json" is declared twice',
  );
});

Deno.test("a stage depending on its own out is reported", () => {
  const error = problemOf(
    "stages:\n  a:\n    cmd: x\n    deps: [data/x/part]\n    outs: [data/x]\n",
  );
  assert.equal(
    error.message,
    'Cannot load pipeline.yaml: stage "a", field "deps": dep "data/x/part" is inside out "data/x" of this stage',
  );
  assert.equal(error.rule, "self_dep");
});

Deno.test("a cycle is reported with its path", () => {
  const text = "stages:\n" +
    "  a:\n    cmd: x\n    deps: [c.out]\n    outs: [a.out]\n" +
    "  b:\n    cmd: x\n    deps: [a.out]\n    outs: [b.out]\n" +
    "  c:\n    cmd: x\n    deps: [b.out]\n    outs: [c.out]\n";
  const error = problemOf(text);
  assert.equal(
    error.message,
    'Cannot load pipeline.yaml: stage "a", field "deps": stages form a cycle: a -> b -> c -> a',
  );
  assert.equal(error.rule, "cycle");
});

Deno.test("a missing param key is reported", () => {
  const error = problemOf(
    "params:\n  train: { lr: 0.1 }\nstages:\n  train:\n    cmd: x\n    params: [train.eta]\n",
  );
  assert.equal(
    error.message,
    'Cannot load pipeline.yaml: stage "train", field "params": key "train.eta" is not in params',
  );
  assert.deepEqual([error.stage, error.field, error.rule], ["train", "params", "missing_param"]);
});

Deno.test("an unknown --set-param key blames the flag and names the nearest key", () => {
  const error = problemOf("params:\n  train: { eta: 0.1 }\nstages: {}\n", {
    setParams: ["train.et=1"],
  });
  assert.equal(
    error.message,
    "Cannot apply --set-param: unknown param train.et: did you mean train.eta?",
  );
  assert.equal(error.rule, "unknown_param");
});

Deno.test("a --set-param key without its section prefix is found by its suffix", () => {
  const error = problemOf("params:\n  train: { gbdt: { max_depth: 4 } }\nstages: {}\n", {
    setParams: ["gbdt.max_depth=6"],
  });
  assert.equal(
    error.message,
    "Cannot apply --set-param: unknown param gbdt.max_depth: did you mean train.gbdt.max_depth?",
  );
});

Deno.test("every problem is reported together, in file order", () => {
  const text = "params:\n  p: 1\n" +
    "stages:\n" +
    "  a:\n    cmd: x\n    dep: [q]\n    params: [p.q]\n" +
    "  b:\n    cmd: 3\n    deps: [nowhere]\n";
  const error = problemOf(text);
  assert.equal(error.rule, "multiple");
  assert.equal(
    error.message,
    [
      "Cannot load pipeline.yaml: 4 problems",
      '  - stage "a", field "dep": unknown field, did you mean "deps"',
      '  - stage "a", field "params": key "p.q" is not in params',
      '  - stage "b", field "cmd": expected a command or a list of commands, received a number',
      '  - stage "b", field "deps": dep "nowhere" does not exist and no stage outputs it',
    ].join("\n"),
  );
  assert.deepEqual(error.problems.map((problem) => problem.rule), [
    "unknown_field",
    "missing_param",
    "wrong_type",
    "unknown_dep",
  ]);
});

Deno.test("loadPipeline reads pipeline.yaml and checks deps against the files", async () => {
  const root = await Deno.makeTempDir();
  try {
    await Deno.writeTextFile(join(root, "raw.csv"), "a\n1\n");
    await Deno.writeTextFile(
      join(root, "pipeline.yaml"),
      "params:\n  s: 1\nstages:\n  a:\n    cmd: x\n    deps: [raw.csv]\n    params: [s]\n    outs: [o]\n",
    );
    const spec = await loadPipeline(root, { setParams: ["s=2"] });
    assert.deepEqual(spec.params, { s: 2 });
    assert.deepEqual(spec.stages[0].deps, ["raw.csv"]);
    await Deno.remove(join(root, "raw.csv"));
    await assert.rejects(
      loadPipeline(root),
      new PipelineError("Cannot load pipeline.yaml", [{
        stage: "a",
        field: "deps",
        rule: "unknown_dep",
        detail: 'dep "raw.csv" does not exist and no stage outputs it',
      }]),
    );
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("loadPipeline without a pipeline.yaml names the directory", async () => {
  const root = await Deno.makeTempDir();
  try {
    await assert.rejects(loadPipeline(root), {
      message: `Cannot load pipeline.yaml: no pipeline.yaml in ${root}`,
    });
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("a stage declares the state it reads and writes; an unknown state is named", () => {
  const spec = parsePipeline(
    "stages:\n  a:\n    cmd: x\n    state: [registry.champion]\n  b:\n    cmd: y\n    writes_state: [registry.champion]\n",
    noFiles,
  );
  assert.deepEqual(spec.stages.map((s) => [s.state, s.writesState]), [
    [["registry.champion"], undefined],
    [undefined, ["registry.champion"]],
  ]);
  const error = problemOf(
    "stages:\n  a:\n    cmd: x\n    state: [registry.champion, registry.alias]\n",
  );
  assert.equal(
    error.message,
    'Cannot load pipeline.yaml: stage "a", field "state[1]": unknown state "registry.alias", ' +
      "expected one of registry.champion",
  );
  assert.equal(error.rule, "unknown_state");
});
