import assert from "node:assert/strict";
import { runCli } from "../../lib/cli/main.ts";
import { createExpFixture, EXP_PIPELINE } from "../e2e/exp_fixture.ts";

/** Runs the CLI in `root`, collecting what it printed. */
async function run(
  root: string,
  ...args: string[]
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = (...parts: unknown[]) => void out.push(parts.join(" "));
  console.error = (...parts: unknown[]) => void err.push(parts.join(" "));
  try {
    const code = await runCli(args, root);
    return { code, out: out.join("\n"), err: err.join("\n") };
  } finally {
    [console.log, console.error] = [log, error];
  }
}

Deno.test("exp show prints the changed params and the metrics, sorted, as CSV and Markdown", async () => {
  await using fx = await createExpFixture({ "pipeline.yaml": EXP_PIPELINE, "input.txt": "hi\n" });
  await fx.repro();
  assert.equal((await run(fx.root, "exp", "run", "--grid", "p.x=2,7", "--name", "g")).code, 0);
  assert.equal((await run(fx.root, "exp", "queue", "start", "--jobs", "1")).code, 0);
  const csv = await run(
    fx.root,
    "exp",
    "show",
    "--csv",
    "--sort-by",
    "score",
    "--sort-order",
    "desc",
  );
  assert.equal(csv.code, 0, csv.err);
  const lines = csv.out.split("\n").map((line) => line.split(","));
  assert.deepEqual(lines.map((cells) => [cells[0], cells[1], ...cells.slice(3)]), [
    ["Experiment", "Status", "score", "p.x"],
    ["workspace", "-", "1", "1"],
    ["g-2", "done", "7", "7"],
    ["g-1", "done", "2", "2"],
  ]);
  const md = await run(fx.root, "exp", "show", "--md");
  assert.match(md.out, /^\| Experiment \| Status \| Created \| score \| p\.x \|\n\| --- \|/);
  const diff = await run(fx.root, "exp", "diff", "g-1", "g-2");
  assert.match(diff.out, /pipeline\.yaml\s+p\.x\s+2\s+7\s+5/);
  assert.match(diff.out, /metrics\.json\s+score\s+2\s+7\s+5/);
});

Deno.test("exp errors name the thing and exit 2", async () => {
  await using fx = await createExpFixture({ "pipeline.yaml": EXP_PIPELINE, "input.txt": "hi\n" });
  const grid = await run(fx.root, "exp", "run", "--grid", "p.xx=1,2");
  assert.equal(grid.code, 2);
  assert.match(grid.err, /--grid p\.xx: unknown param p\.xx: did you mean p\.x\?/);
  assert.equal((await run(fx.root, "exp", "run", "--queue", "--name", "a")).code, 0);
  const taken = await run(fx.root, "exp", "run", "--queue", "--name", "a");
  assert.equal(taken.code, 2);
  assert.match(taken.err, /Cannot queue experiment "a": the name is taken/);
  const sort = await run(fx.root, "exp", "show", "--sort-by", "p.y");
  assert.equal(sort.code, 2);
  assert.match(sort.err, /Cannot sort by "p\.y": no such metric or changed param/);
  const apply = await run(fx.root, "exp", "apply", "b");
  assert.equal(apply.code, 2);
  assert.match(apply.err, /Cannot find experiment "b": no such experiment; did you mean a\?/);
  const retry = await run(fx.root, "exp", "queue", "retry", "a");
  assert.equal(retry.code, 2);
  assert.match(retry.err, /Cannot retry experiment "a": it is queued, not failed/);
});

Deno.test("exp show hides metric columns equal in every row unless --all", async () => {
  const pipeline = EXP_PIPELINE.replace('{"score": \\1}', '{"score": \\1, "rows": 100}');
  assert.notEqual(pipeline, EXP_PIPELINE, "the fixture's metrics line changed");
  await using fx = await createExpFixture({ "pipeline.yaml": pipeline, "input.txt": "hi\n" });
  await fx.repro();
  assert.equal((await run(fx.root, "exp", "run", "--set-param", "p.x=3", "--name", "e")).code, 0);
  const shown = await run(fx.root, "exp", "show", "--csv");
  assert.deepEqual(shown.out.split("\n")[0].split(",").slice(3), ["score", "p.x"]);
  const table = await run(fx.root, "exp", "show");
  assert.match(table.out, /\(1 metric columns equal in every row are hidden; --all shows them\)/);
  const all = await run(fx.root, "exp", "show", "--csv", "--all");
  assert.deepEqual(all.out.split("\n")[0].split(",").slice(3), ["rows", "score", "p.x"]);
});
