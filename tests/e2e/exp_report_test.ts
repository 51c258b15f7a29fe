/** `exp report`: the tracking page of the experiments of tiny fixture pipelines. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { runCli } from "../../lib/cli/main.ts";
import { parse, type Parsed } from "../report/fixtures.ts";
import { createExpFixture, EXP_PIPELINE } from "./exp_fixture.ts";

/**
 * EXP_PIPELINE plus a curves stage: data/tables.json with ROC and PR rows whose middle
 * point is 0.<p.x>, or no curves at all when p.y is "none"; plots: declares both.
 */
const CURVES_PIPELINE = EXP_PIPELINE + `  curves:
    cmd: >-
      if echo "$RISKPIPE_PARAMS" | grep -q '"y":"none"'; then echo '{}' > data/tables.json; else
      echo "$RISKPIPE_PARAMS" | sed -E 's/.*"x":([0-9]+).*/{"roc": [{"fpr": 0, "tpr": 0}, {"fpr": 0.5, "tpr": 0.\\1}, {"fpr": 1, "tpr": 1}], "pr": [{"recall": 0, "precision": 1}, {"recall": 0.5, "precision": 0.\\1}, {"recall": 1, "precision": 0.2}]}/' > data/tables.json; fi
    deps: [prep.txt]
    params: [p.x, p.y]
    outs: [data/tables.json]
plots:
  roc: { file: data/tables.json, data: roc, template: roc, title: ROC curve }
  pr: { file: data/tables.json, data: pr, template: pr, title: PR curve }
`;

async function cli(root: string, ...args: string[]): Promise<number> {
  const log = console.log;
  console.log = () => {};
  try {
    return await runCli(args, root);
  } finally {
    console.log = log;
  }
}

async function runExperiments(root: string, runs: [string, string[]][]): Promise<void> {
  for (const [name, params] of runs) {
    const args = params.flatMap((p) => ["--set-param", p]);
    assert.equal(await cli(root, "exp", "run", ...args, "--name", name, "--queue"), 0);
  }
  assert.equal(await cli(root, "exp", "queue", "start", "--jobs", "1"), 0);
}

async function report(root: string, ...names: string[]): Promise<Parsed> {
  assert.equal(await cli(root, "exp", "report", ...names), 0);
  return parse(await Deno.readTextFile(join(root, "reports/experiments/index.html")));
}

/** Each table row's text cells, header first. */
function tableCells(page: Parsed): string[][] {
  return page.all("section#experiments tr").map((tr) =>
    [...tr.querySelectorAll("th, td")].map((c) => c.textContent.trim())
  );
}

/** Lines of each curve chart: the legend's names and the paths of the last line mark. */
function curveLines(page: Parsed): { title: string; legend: string[]; paths: number }[] {
  return page.all("section#curves figure.chart").map((f) => {
    const lines = [...f.querySelectorAll('g[aria-label="line"]')];
    return {
      title: f.querySelector("h2")?.textContent ?? "",
      legend: [...f.querySelectorAll("span[class$=-swatch]")].map((s) => s.textContent.trim()),
      paths: lines.at(-1).querySelectorAll("path").length,
    };
  });
}

Deno.test("exp report tables every experiment's changed params and metrics, one bar each", async () => {
  await using fx = await createExpFixture({ "pipeline.yaml": EXP_PIPELINE, "input.txt": "hi\n" });
  await runExperiments(fx.root, [["two", ["p.x=2"]], ["seven", ["p.x=7", "p.y=b"]]]);
  const page = await report(fx.root);
  const cells = tableCells(page);
  assert.deepEqual(cells[0], ["Experiment", "Status", "Created", "score", "p.x", "p.y"]);
  assert.deepEqual(cells.slice(1).map((row) => [row[0], row[1], ...row.slice(3)]), [
    ["two", "done", "2", "2", "a"],
    ["seven", "done", "7", "7", "b"],
  ]);
  const bars = page.all("section#metrics figure.chart");
  assert.equal(bars.length, 1);
  assert.equal(bars[0].querySelectorAll('g[aria-label="bar"] rect').length, 2);
  assert.match(
    page.one("section#curves")!.textContent,
    /pipeline\.yaml declares no plot with the roc or pr template/,
  );
  const scatter = page.all("section#params figure.chart");
  assert.equal(scatter.length, 2); // score against p.x, score against p.y
  assert.equal(scatter[0].querySelectorAll('g[aria-label="dot"] circle').length, 2);
});

Deno.test("exp report overlays one ROC and one PR line per chosen experiment, naming those without curves", async () => {
  await using fx = await createExpFixture({
    "pipeline.yaml": CURVES_PIPELINE,
    "input.txt": "hi\n",
  });
  await runExperiments(fx.root, [
    ["four", ["p.x=4"]],
    ["eight", ["p.x=8"]],
    ["flat", ["p.x=6", "p.y=none"]],
    ["other", ["p.x=5"]],
  ]);
  const page = await report(fx.root, "four", "eight", "flat");
  assert.deepEqual(curveLines(page), [
    { title: "ROC curve", legend: ["four", "eight"], paths: 2 },
    { title: "PR curve", legend: ["four", "eight"], paths: 2 },
  ]);
  const notes = page.all("section#curves p:not(.note)").map((p) => p.textContent);
  assert.equal(notes.length, 2);
  assert.match(notes[0], /^ROC curve: no curve for flat: .*key "roc" is not in the file/);
  assert.equal(tableCells(page).length, 5); // the header and all four experiments
  const all = await report(fx.root);
  assert.deepEqual(curveLines(all)[0].legend, ["four", "eight", "other"]);
});

Deno.test("exp report with an unknown name names the nearest experiment", async () => {
  await using fx = await createExpFixture({ "pipeline.yaml": EXP_PIPELINE, "input.txt": "hi\n" });
  await runExperiments(fx.root, [["two", ["p.x=2"]]]);
  const error = console.error;
  const said: string[] = [];
  console.error = (...parts: unknown[]) => void said.push(parts.join(" "));
  try {
    assert.equal(await runCli(["exp", "report", "twoo"], fx.root), 2);
  } finally {
    console.error = error;
  }
  assert.match(
    said.join("\n"),
    /Cannot find experiment "twoo": no such experiment; did you mean two\?/,
  );
});

Deno.test("exp report leaves out the metrics equal in every experiment, and says how many", async () => {
  const pipeline = EXP_PIPELINE.replace('{"score": \\1}', '{"score": \\1, "rows": 100}');
  assert.notEqual(pipeline, EXP_PIPELINE, "the fixture's metrics line changed");
  await using fx = await createExpFixture({ "pipeline.yaml": pipeline, "input.txt": "hi\n" });
  await runExperiments(fx.root, [["two", ["p.x=2"]], ["seven", ["p.x=7"]]]);
  const page = await report(fx.root);
  assert.deepEqual(tableCells(page)[0], ["Experiment", "Status", "Created", "score", "p.x"]);
  assert.equal(page.all("section#metrics figure.chart").length, 1);
  assert.match(
    page.one("header")!.textContent,
    /2 experiments; 1 metric equal in every experiment left out/,
  );
});
