import assert from "node:assert/strict";
import { PipelineError } from "../../../lib/pipeline/spec/errors.ts";
import { buildGraph, stageGraphOf } from "../../../lib/pipeline/spec/graph.ts";
import { parsePipeline } from "../../../lib/pipeline/spec/load.ts";
import type { PipelineSpec, StageSpec } from "../../../lib/pipeline/spec/types.ts";
import { stage } from "../stage_fixture.ts";

function spec(...stages: StageSpec[]): PipelineSpec {
  return { params: {}, stages };
}

Deno.test("a dep equal to an out links the stages", () => {
  const graph = buildGraph(spec(stage("a", [], ["x"]), stage("b", ["x"], [])));
  assert.deepEqual(graph.upstream("b"), ["a"]);
  assert.deepEqual(graph.downstream("a"), ["b"]);
});

Deno.test("a dep inside an out links the stages", () => {
  const graph = buildGraph(spec(stage("a", [], ["data"]), stage("b", ["data/x.parquet"], [])));
  assert.deepEqual(graph.upstream("b"), ["a"]);
});

Deno.test("a dep containing an out links the stages", () => {
  const graph = buildGraph(spec(stage("a", [], ["data/x"]), stage("b", ["data"], [])));
  assert.deepEqual(graph.upstream("b"), ["a"]);
});

Deno.test("a path sharing only a name prefix does not link the stages", () => {
  const graph = buildGraph(spec(stage("a", [], ["data"]), stage("b", ["data2/x"], [])));
  assert.deepEqual(graph.upstream("b"), []);
});

Deno.test("the order is topological with file order breaking ties", () => {
  // d and c come first in the file but need b; a and b are independent sources.
  const graph = buildGraph(spec(
    stage("d", ["b.out"], []),
    stage("c", ["b.out", "a.out"], []),
    stage("b", [], ["b.out"]),
    stage("a", [], ["a.out"]),
  ));
  assert.deepEqual(graph.order, ["b", "d", "a", "c"]);
});

Deno.test("independent stages keep file order", () => {
  const graph = buildGraph(spec(stage("z", [], []), stage("a", [], []), stage("m", [], [])));
  assert.deepEqual(graph.order, ["z", "a", "m"]);
});

Deno.test("upstream and downstream list stages in file order", () => {
  const graph = buildGraph(spec(
    stage("c", [], ["c.out"]),
    stage("a", [], ["a.out"]),
    stage("join", ["a.out", "c.out"], ["j"]),
    stage("y", ["j"], []),
    stage("x", ["j"], []),
  ));
  assert.deepEqual(graph.upstream("join"), ["c", "a"]);
  assert.deepEqual(graph.downstream("join"), ["y", "x"]);
});

Deno.test("producerOf finds the stage whose out holds a path", () => {
  const graph = buildGraph(spec(stage("a", [], ["data/features"]), stage("b", [], ["data/split"])));
  assert.equal(graph.producerOf("data/features"), "a");
  assert.equal(graph.producerOf("data/features/x.parquet"), "a");
  assert.equal(graph.producerOf("data"), "a");
  assert.equal(graph.producerOf("raw.csv"), undefined);
});

Deno.test("buildGraph rejects a cycle with its path", () => {
  assert.throws(
    () => buildGraph(spec(stage("a", ["b.out"], ["a.out"]), stage("b", ["a.out"], ["b.out"]))),
    (error: unknown) => {
      assert.ok(error instanceof PipelineError);
      assert.equal(
        error.message,
        'Cannot build the stage graph: stage "a", field "deps": stages form a cycle: a -> b -> a',
      );
      return true;
    },
  );
});

Deno.test("an unknown stage name is an error", () => {
  const graph = buildGraph(spec(stage("a", [], [])));
  assert.throws(() => graph.upstream("nope"), {
    message: 'Cannot read the stage graph: unknown stage "nope"',
  });
});

Deno.test("a thousand chained stages are ordered", () => {
  const stages = Array.from(
    { length: 1000 },
    (_, i) => stage(`s${i}`, i ? [`o${i - 1}`] : [], [`o${i}`]),
  );
  const graph = buildGraph(spec(...stages.reverse()));
  assert.equal(graph.order[0], "s0");
  assert.equal(graph.order[999], "s999");
});

Deno.test("stageGraphOf builds a spec's graph once and a new spec's afresh", () => {
  const text = "stages:\n  a:\n    cmd: echo a > a.txt\n    outs: [a.txt]\n" +
    "  b:\n    cmd: cp a.txt b.txt\n    deps: [a.txt]\n    outs: [b.txt]\n";
  const parsed = parsePipeline(text, { exists: () => false });
  const graph = stageGraphOf(parsed);
  assert.equal(stageGraphOf(parsed), graph);
  assert.deepEqual(graph.order, ["a", "b"]);
  const other = stageGraphOf(parsePipeline(text, { exists: () => false }));
  assert.notEqual(other, graph);
  assert.deepEqual(other.order, ["a", "b"]);
});
