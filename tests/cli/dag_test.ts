import assert from "node:assert/strict";
import { join } from "node:path";
import { main } from "../../lib/cli/dag.ts";

const PIPELINE = `stages:
  ingest:
    cmd: echo ingest
    outs: [data/raw]
  features:
    cmd: echo features
    deps: [data/raw]
    outs: [data/features]
  split:
    cmd: echo split
    deps: [data/features]
    outs: [data/split]
  report:
    cmd: echo report
    deps: [data/features]
    outs: [reports/features.html]
`;

async function run(args: string[]): Promise<{ code: number; out: string }> {
  const root = await Deno.makeTempDir();
  const log = console.log;
  const lines: string[] = [];
  console.log = (...parts: unknown[]) => lines.push(parts.join(" "));
  try {
    await Deno.writeTextFile(join(root, "pipeline.yaml"), PIPELINE);
    const code = await main(args, root);
    return { code, out: lines.join("\n") };
  } finally {
    console.log = log;
    await Deno.remove(root, { recursive: true });
  }
}

Deno.test("dag prints the whole graph as a text tree", async () => {
  assert.deepEqual(await run([]), {
    code: 0,
    out: ["ingest", "└─▶ features", "    ├─▶ split", "    └─▶ report"].join("\n"),
  });
});

Deno.test("dag with a target prints it and its upstream", async () => {
  assert.deepEqual(await run(["split"]), {
    code: 0,
    out: ["ingest", "└─▶ features", "    └─▶ split"].join("\n"),
  });
});

Deno.test("dag --downstream prints a target and what follows it", async () => {
  assert.deepEqual(await run(["features", "--downstream", "--mermaid"]), {
    code: 0,
    out: [
      "flowchart TD",
      '  s0["features"]',
      '  s1["split"]',
      '  s2["report"]',
      "  s0 --> s1",
      "  s0 --> s2",
    ].join("\n"),
  });
});

Deno.test("dag --dot prints a digraph", async () => {
  const { out } = await run(["--dot", "features"]);
  assert.equal(
    out,
    [
      "digraph pipeline {",
      "  rankdir=TB;",
      "  node [shape=box];",
      '  "ingest";',
      '  "features";',
      '  "ingest" -> "features";',
      "}",
    ].join("\n"),
  );
});

Deno.test("dag refuses --mermaid with --dot", async () => {
  await assert.rejects(run(["--mermaid", "--dot"]), {
    name: "UsageError",
    message: "Flags --mermaid and --dot cannot be used together",
  });
});

Deno.test("dag with an unknown target names it", async () => {
  await assert.rejects(run(["trian"]), {
    name: "PipelineError",
    message: 'Cannot plan repro: "trian" is neither a stage nor an out of one',
  });
});
