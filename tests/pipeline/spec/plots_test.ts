import assert from "node:assert/strict";
import { PipelineError } from "../../../lib/pipeline/spec/errors.ts";
import { parsePipeline } from "../../../lib/pipeline/spec/load.ts";

const STAGES = `
stages:
  evaluate:
    cmd: echo > reports/tables.json
    outs: [reports/tables.json, reports/curves]
`;

function load(plots: string) {
  return parsePipeline(`${STAGES}plots:\n${plots}`, { exists: () => false });
}

function problemsOf(plots: string) {
  try {
    load(plots);
  } catch (error) {
    assert.ok(error instanceof PipelineError, String(error));
    return error.problems.map((p) => ({ at: p.at ?? p.field, rule: p.rule, detail: p.detail }));
  }
  assert.fail("expected a PipelineError");
}

Deno.test("a template fills in the fields, labels and title of a plot", () => {
  const spec = load(`
  roc:
    file: reports/tables.json
    data: roc
    template: roc
    series: model
  lift:
    file: reports/curves/lift.json
    x: depth
    y: lift
    title: Lift
`);
  assert.deepEqual(spec.plots, [
    {
      name: "roc",
      file: "reports/tables.json",
      data: "roc",
      template: "roc",
      x: "fpr",
      y: "tpr",
      series: "model",
      title: "roc",
      xLabel: "False positive rate",
      yLabel: "True positive rate",
    },
    {
      name: "lift",
      file: "reports/curves/lift.json",
      template: "linear",
      x: "depth",
      y: "lift",
      title: "Lift",
      xLabel: "depth",
      yLabel: "lift",
    },
  ]);
});

Deno.test("a pipeline without plots has none", () => {
  assert.equal(parsePipeline(STAGES, { exists: () => false }).plots, undefined);
});

Deno.test("bad plot declarations are each named with the plot, the field and the rule", () => {
  assert.deepEqual(
    problemsOf(`
  roc:
    file: reports/tables.json
    template: rock
  bare:
    file: reports/tables.json
    y: rate
  stray:
    file: reports/other.json
    template: pr
    colour: red
`),
    [
      {
        at: "plots.roc.template",
        rule: "wrong_type",
        detail: "expected one of linear, roc, pr, calibration, gains",
      },
      {
        at: "plots.bare.x",
        rule: "bad_plot",
        detail: 'template "linear" has no default x field: name one',
      },
      {
        at: "plots.stray.colour",
        rule: "unknown_field",
        detail:
          "unknown field, expected one of file, data, template, x, y, series, title, x_label, y_label",
      },
    ],
  );
});

Deno.test("a plot file that no stage writes and that does not exist is refused", () => {
  assert.deepEqual(problemsOf(`  gains:\n    file: reports/gains.json\n    template: gains\n`), [{
    at: "plots.gains.file",
    rule: "bad_path",
    detail: 'file "reports/gains.json" is not an out of any stage and does not exist',
  }]);
});

Deno.test("plots must be a mapping of names to plots", () => {
  const [problem] = problemsOf(`  - roc\n`);
  assert.deepEqual(problem, {
    at: "plots",
    rule: "wrong_type",
    detail: "expected a mapping of plot names to plots, received a list",
  });
});

Deno.test("the message names the plot and the rule", () => {
  assert.throws(() => load(`  roc:\n    template: roc\n`), {
    message: 'Cannot load pipeline.yaml: field "plots.roc.file": required field is missing',
  });
});
