/** The pure parts of bench/one_table.ts: the table, the issue summary, the repo set-up. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { parsePipeline } from "../../lib/pipeline/spec/load.ts";
import { findParamProblems } from "../../lib/stage/param_schemas.ts";
import { DATASETS } from "./datasets.ts";
import { readHeldBack, writeHeldBackCsv } from "./held_back.ts";
import { countIssues, summariseIssueCounts } from "./issue_summary.ts";
import { failedGateChecks } from "./pipeline_run.ts";
import { configureCsvSource, INPUT_CSV, SPLIT } from "./repo_copy.ts";
import type { DatasetResult } from "./run_dataset.ts";
import { allGoalsMet, gapToBest, renderTable } from "./table.ts";

const ROOT = new URL("../..", import.meta.url).pathname;

function measured(ours: number, xgboost: number, logistic: number, rejected = 0): DatasetResult {
  return {
    dataset: DATASETS[0],
    rows: { all: 10, train: 8, test: 2 },
    baseRate: 0.25,
    model: {
      version: "v0001",
      stage: "Production",
      testAuc: ours,
      baselineAuc: undefined,
      kind: "riskpipe.gbdt",
      gatePassed: true,
      failedChecks: [],
    },
    reference: {
      xgboost: { version: "1.7.4", rounds: 90, cvAuc: 0.8, testAuc: xgboost },
      logistic: { version: "1.2.1", columns: 5, testAuc: logistic },
    },
    score: { exitCode: 0, rows: 2, scored: 2 - rejected, rejected, commonIssues: [], auc: 0.8 },
    predict: {
      rows: 2,
      ok: 2,
      rejected: 0,
      serverErrors: 0,
      statuses: { 200: 2 },
      commonIssues: [],
      auc: 0.8,
    },
    notes: [],
  };
}

Deno.test("the gap is measured against the better of XGBoost and the logistic model", () => {
  assert.equal(gapToBest(measured(0.80, 0.79, 0.81)), 0.80 - 0.81);
  assert.equal(allGoalsMet(measured(0.806, 0.79, 0.81)), true);
  assert.equal(allGoalsMet(measured(0.804, 0.79, 0.81)), false);
});

Deno.test("a rejected row fails the goals even when the AUC is met", () => {
  assert.equal(allGoalsMet(measured(0.9, 0.8, 0.8, 1)), false);
});

Deno.test("a data set whose steps did not run shows dashes and 'not run'", () => {
  const table = renderTable([{ dataset: DATASETS[0], notes: ["split failed: x"] }], new Map());
  const row = table.split("\n")[2];
  assert.equal(
    row,
    "| credit_data (credit) | `r-cran-modeldata` | – | – | – | – | – | – | – | not run | not run |",
  );
});

Deno.test("a measured row shows AUCs, rounds, the signed gap and rejections", () => {
  const table = renderTable(
    [measured(0.8, 0.79, 0.81)],
    new Map([["r-cran-modeldata", "1.1.0-1"]]),
  );
  assert.equal(
    table.split("\n")[2],
    "| credit_data (credit) | `r-cran-modeldata` 1.1.0-1 | 10 (8 / 2) | 25.0% | 0.8000 (riskpipe.gbdt) | 0.7900 (90) | 0.8100 | −0.0100 ✗ | pass | 0 of 2 ✓ | 0 of 2 ✓ |",
  );
});

Deno.test("issues are counted by rows and grouped by rule, naming at most four fields", () => {
  const issues = [1, 2].flatMap((row) => [
    { row, field: "ROW_ID", rule: "required" },
    ...["a", "b", "c", "d", "e"].map((field) => ({ row, field, rule: "type" })),
  ]);
  issues.push({ row: 3, field: "a", rule: "type" }, { row: 3, field: "a", rule: "type" });
  assert.deepEqual(countIssues(issues)["a: type"], 3);
  assert.deepEqual(summariseIssueCounts(countIssues(issues)), [
    "type: a 3 rows, b 2, c 2, d 2, +1 more fields",
    "required: ROW_ID 2 rows",
  ]);
});

Deno.test("score's own counts are summarised as they are, a field name with a colon kept", () => {
  assert.deepEqual(
    summariseIssueCounts({ "ROW_ID: required": 891, "Records: type": 891, "a: b: in_set": 1 }),
    ["required: ROW_ID 891 rows", "type: Records 891 rows", "in_set: a: b 1 rows"],
  );
});

Deno.test("failed gate checks are listed with value and threshold", () => {
  const gate = {
    checks: [
      { name: "min_auc", value: 0.8, threshold: ">= 0.65", status: "pass" },
      { name: "calibration_ece", value: 0.09412, threshold: "<= 0.05", status: "fail" },
    ],
  };
  assert.deepEqual(failedGateChecks(gate), ["calibration_ece = 0.0941 (<= 0.05)"]);
});

Deno.test("the repo copy's pipeline.yaml reads the csv with valid params", async () => {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.copyFile(join(ROOT, "pipeline.yaml"), join(dir, "pipeline.yaml"));
    await configureCsvSource(dir, DATASETS[0]);
    const spec = parsePipeline(await Deno.readTextFile(join(dir, "pipeline.yaml")), {
      exists: () => true,
    });
    assert.deepEqual(findParamProblems(spec.params), []);
    const data = spec.params.data as { source: string; csv: Record<string, unknown> };
    assert.equal(data.source, "csv");
    assert.deepEqual(
      [data.csv.path, data.csv.id_column, data.csv.target_column, data.csv.positive_label],
      [INPUT_CSV, null, "Status", "bad"],
    );
    assert.deepEqual(spec.params.split, { ...(spec.params.split as object), seed: SPLIT.seed });
    assert.deepEqual(spec.stages.find((s) => s.name === "ingest")?.deps, [INPUT_CSV]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("held-back rows are the file's own lines and cells, NA and quotes as written", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const csv = join(dir, "in.csv");
    await Deno.writeTextFile(
      csv,
      '"y","n","c"\n"bad",1,"a b"\n"good",NA,"x,y"\n"bad",3,""\n',
    );
    await writeHeldBackCsv(csv, [3, 2], join(dir, "held.csv"));
    assert.equal(
      await Deno.readTextFile(join(dir, "held.csv")),
      '"y","n","c"\n"bad",3,""\n"good",NA,"x,y"\n',
    );
    const held = await readHeldBack(join(dir, "held.csv"), "y", "bad");
    assert.deepEqual(held.records, [{ y: "bad", n: "3", c: "" }, { y: "good", n: "NA", c: "x,y" }]);
    assert.deepEqual(held.labels, [1, 0]);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("a file with a cell broken across lines is refused for line-by-line copying", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const csv = join(dir, "in.csv");
    await Deno.writeTextFile(csv, '"y","c"\n"bad","two\nlines"\n');
    await assert.rejects(
      () => writeHeldBackCsv(csv, [1], join(dir, "held.csv")),
      /1 records on 2 data lines/,
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
