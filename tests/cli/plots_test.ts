import assert from "node:assert/strict";
import { join } from "node:path";
import { diffRevisions, main } from "../../lib/cli/plots.ts";
import { hashBytes } from "../../lib/pipeline/store/hash.ts";
import { git } from "../git_fixture.ts";
import { parse } from "../report/fixtures.ts";

const PIPELINE = `stages:
  evaluate:
    cmd: echo evaluate
    outs: [reports/tables.json]
plots:
  roc:
    file: reports/tables.json
    data: roc
    template: roc
  lift:
    file: reports/tables.json
    data: lift
    x: depth
    y: lift
    series: model
`;

function tables(tpr: number, lift: number): string {
  return JSON.stringify({
    roc: [{ fpr: 0, tpr: 0 }, { fpr: 0.5, tpr }, { fpr: 1, tpr: 1 }],
    lift: [
      { model: "gbdt", depth: 0.1, lift },
      { model: "gbdt", depth: 1, lift: 1 },
      { model: "baseline", depth: 0.1, lift: lift - 1 },
      { model: "baseline", depth: 1, lift: 1 },
    ],
  });
}

async function write(root: string, path: string, text: string): Promise<void> {
  await Deno.mkdir(join(root, path, ".."), { recursive: true });
  await Deno.writeTextFile(join(root, path), text);
}

/** Commits a lock recording `text` as reports/tables.json, with its object in the cache. */
async function commitRun(root: string, text: string, message: string): Promise<void> {
  const hash = hashBytes(text);
  await write(root, `.repro/cache/objects/${hash.slice(0, 2)}/${hash.slice(2)}`, text);
  await write(
    root,
    "pipeline.lock",
    `schema: "1"\nstages:\n  evaluate:\n    cmd: [echo evaluate]\n    deps: []\n    params: {}\n` +
      `    outs:\n      - { path: reports/tables.json, hash: ${hash}, size: ${text.length} }\n`,
  );
  await git(root, "add", "pipeline.lock");
  await git(root, "commit", "-q", "-m", message);
}

/** A repo with pipeline.yaml committed, reports/ git-ignored, and two recorded runs. */
async function withRepo(test: (root: string) => Promise<void>): Promise<void> {
  const root = await Deno.makeTempDir();
  try {
    await git(root, "init", "-q");
    await write(root, "pipeline.yaml", PIPELINE);
    await write(root, ".gitignore", "/reports/\n/.repro/\n");
    await git(root, "add", "pipeline.yaml", ".gitignore");
    await git(root, "commit", "-q", "-m", "pipeline");
    await commitRun(root, tables(0.6, 3), "first run");
    await commitRun(root, tables(0.9, 4), "second run");
    await write(root, "reports/tables.json", tables(0.75, 5));
    await test(root);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
}

async function run(root: string, args: string[]): Promise<{ code: number; out: string }> {
  const { log } = console;
  const out: string[] = [];
  console.log = (...parts: unknown[]) => out.push(parts.join(" "));
  try {
    return { code: await main(args, root), out: out.join("\n") };
  } finally {
    console.log = log;
  }
}

/** Each plot section's legend entries and the stroke of each drawn data line. */
async function chartsOf(
  path: string,
): Promise<Record<string, { legend: string[]; lines: string[] }>> {
  const page = parse(await Deno.readTextFile(path));
  const charts: Record<string, { legend: string[]; lines: string[] }> = {};
  for (const section of page.all("section[id^=plot-]")) {
    const legend = [...section.querySelectorAll("span[class$=-swatch]")]
      .map((span) => span.textContent.trim());
    // The data's line mark is the last one (the ROC template draws the diagonal first).
    const marks = section.querySelectorAll('g[aria-label="line"]');
    const lines = [...marks[marks.length - 1].querySelectorAll("path")]
      .map((p) => p.getAttribute("stroke"));
    charts[section.id] = { legend, lines };
  }
  return charts;
}

Deno.test("plots diff of two revisions draws one line and legend entry per revision", () =>
  withRepo(async (root) => {
    const { code, out } = await run(root, ["diff", "HEAD~1", "HEAD"]);
    assert.equal(code, 0);
    assert.equal(out, "2 plots of HEAD~1, HEAD written to reports/plots/index.html");
    const charts = await chartsOf(join(root, "reports/plots/index.html"));
    assert.deepEqual(charts["plot-roc"].legend, ["HEAD~1", "HEAD"]);
    assert.equal(charts["plot-roc"].lines.length, 2);
    assert.equal(new Set(charts["plot-roc"].lines).size, 2, "one colour per revision");
    assert.deepEqual(charts["plot-lift"].legend, [
      "HEAD~1: gbdt",
      "HEAD~1: baseline",
      "HEAD: gbdt",
      "HEAD: baseline",
    ]);
    assert.equal(charts["plot-lift"].lines.length, 4);
  }));

Deno.test("plots diff --json holds each revision's own points, read from the cache", () =>
  withRepo(async (root) => {
    const { out } = await run(root, ["diff", "HEAD~1", "--json", "--target", "roc"]);
    const [roc] = JSON.parse(out).plots;
    assert.equal(roc.name, "roc");
    assert.deepEqual(
      roc.lines.map((s: { name: string; points: { y: number }[] }) => [s.name, s.points[1].y]),
      [["HEAD~1", 0.6], ["workspace", 0.75]],
    );
  }));

Deno.test("plots show draws the workspace, a line per series value", () =>
  withRepo(async (root) => {
    const out = join(root, "page.html");
    assert.equal((await run(root, ["show", "lift", "--out", out])).code, 0);
    const charts = await chartsOf(out);
    assert.deepEqual(Object.keys(charts), ["plot-lift"]);
    assert.deepEqual(charts["plot-lift"].legend, ["gbdt", "baseline"]);
  }));

Deno.test("a file tracked in git is read from git at a revision without a lock", () =>
  withRepo(async (root) => {
    await write(root, "pipeline.yaml", PIPELINE.replaceAll("reports/tables.json", "tables.json"));
    await write(root, "tables.json", tables(0.2, 2));
    await git(root, "add", "pipeline.yaml", "tables.json");
    await git(root, "rm", "-q", "pipeline.lock");
    await git(root, "commit", "-q", "-m", "tracked data");
    await write(root, "tables.json", tables(0.3, 2));
    const { out } = await run(root, ["diff", "--json", "--target", "roc"]);
    const [roc] = JSON.parse(out).plots;
    assert.deepEqual(
      roc.lines.map((s: { name: string; points: { y: number }[] }) => [s.name, s.points[1].y]),
      [["HEAD", 0.2], ["workspace", 0.3]],
    );
  }));

Deno.test("an unknown revision is an error naming it", () =>
  withRepo(async (root) => {
    await assert.rejects(run(root, ["diff", "no-such-rev"]), {
      name: "PipelineError",
      message: /^Cannot read git revision "no-such-rev"/,
    });
  }));

Deno.test("a plot file missing at a revision is an error naming the plot, file and revision", () =>
  withRepo(async (root) => {
    await assert.rejects(run(root, ["diff", "HEAD~2"]), {
      name: "PlotDataError",
      message: 'Cannot read plot "roc": file "reports/tables.json" is missing at HEAD~2',
    });
    await Deno.remove(join(root, "reports/tables.json"));
    await assert.rejects(run(root, ["show"]), {
      message:
        'Cannot read plot "roc": file "reports/tables.json" is missing at workspace (run deno task repro)',
    });
  }));

Deno.test("an undeclared plot and a row without the y field are errors naming them", () =>
  withRepo(async (root) => {
    await assert.rejects(run(root, ["show", "pr"]), {
      message: 'Cannot show plot "pr": not declared in pipeline.yaml (plots: roc, lift)',
    });
    await write(root, "reports/tables.json", JSON.stringify({ roc: [{ fpr: 0 }], lift: [] }));
    await assert.rejects(run(root, ["show", "roc"]), {
      message: 'Cannot read plot "roc" from "reports/tables.json" at workspace: ' +
        'row 0 field "tpr" must be a finite number, received nothing',
    });
  }));

Deno.test("plots diff compares HEAD, a rev with the workspace, or the revs given, once each", () => {
  assert.deepEqual(diffRevisions([]), ["HEAD", "workspace"]);
  assert.deepEqual(diffRevisions(["HEAD~1"]), ["HEAD~1", "workspace"]);
  assert.deepEqual(diffRevisions(["workspace"]), ["workspace"]);
  assert.deepEqual(diffRevisions(["a", "b", "a"]), ["a", "b"]);
});
