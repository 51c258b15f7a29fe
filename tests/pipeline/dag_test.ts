import assert from "node:assert/strict";
import { renderDagDot, renderDagMermaid, renderDagText } from "../../lib/pipeline/dag.ts";
import { buildGraph } from "../../lib/pipeline/spec/graph.ts";
import { stage } from "./stage_fixture.ts";

// A diamond: a feeds b and c, both feed d; e stands alone and is frozen.
const graph = buildGraph({
  params: {},
  stages: [
    stage("a", [], ["a.out"]),
    stage("b", ["a.out"], ["b.out"]),
    stage("c", ["a.out"], ["c.out"]),
    stage("d", ["b.out", "c.out"], []),
    { ...stage("e", [], []), frozen: true },
  ],
});

Deno.test("the text dag draws a tree and marks stages already drawn", () => {
  assert.equal(
    renderDagText(graph),
    [
      "a",
      "├─▶ b",
      "│   └─▶ d",
      "└─▶ c",
      "    └─▶ d (see above)",
      "e [frozen]",
      "",
    ].join("\n"),
  );
});

Deno.test("the text dag can be limited to some stages", () => {
  assert.equal(renderDagText(graph, { stages: ["c", "d"] }), "c\n└─▶ d\n");
});

Deno.test("the text dag of an empty pipeline says so", () => {
  assert.equal(renderDagText(buildGraph({ params: {}, stages: [] })), "(no stages)\n");
});

Deno.test("the mermaid dag is a top-down flowchart", () => {
  assert.equal(
    renderDagMermaid(graph),
    [
      "flowchart TD",
      '  s0["a"]',
      '  s1["b"]',
      '  s2["c"]',
      '  s3["d"]',
      '  s4["e [frozen]"]',
      "  s0 --> s1",
      "  s0 --> s2",
      "  s1 --> s3",
      "  s2 --> s3",
      "",
    ].join("\n"),
  );
});

Deno.test("the dot dag is a digraph of boxes", () => {
  assert.equal(
    renderDagDot(graph, { stages: ["a", "b", "e"] }),
    [
      "digraph pipeline {",
      "  rankdir=TB;",
      "  node [shape=box];",
      '  "a";',
      '  "b";',
      '  "e" [style=dashed];',
      '  "a" -> "b";',
      "}",
      "",
    ].join("\n"),
  );
});
