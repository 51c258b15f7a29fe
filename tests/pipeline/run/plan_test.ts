import assert from "node:assert/strict";
import { buildGraph } from "../../../lib/pipeline/spec/graph.ts";
import { planRepro } from "../../../lib/pipeline/run/plan.ts";
import { stage } from "../stage_fixture.ts";

//   ingest ──► features ──► split ──► train
//                  └──────► report
const graph = buildGraph({
  params: {},
  stages: [
    stage("ingest", [], ["data/raw"]),
    stage("features", ["data/raw"], ["data/features"]),
    stage("split", ["data/features"], ["data/split"]),
    stage("report", ["data/features/store.parquet"], ["reports/features.html"]),
    stage("train", ["data/split/train.parquet"], ["data/model"]),
  ],
});

Deno.test("no targets plans every stage in topological order", () => {
  assert.deepEqual(planRepro(graph, []), ["ingest", "features", "split", "report", "train"]);
});

Deno.test("a target brings everything upstream of it", () => {
  assert.deepEqual(planRepro(graph, ["split"]), ["ingest", "features", "split"]);
});

Deno.test("several targets share their upstream", () => {
  assert.deepEqual(planRepro(graph, ["report", "split"]), [
    "ingest",
    "features",
    "split",
    "report",
  ]);
});

Deno.test("downstream takes a target and everything after it", () => {
  assert.deepEqual(planRepro(graph, ["features"], { downstream: true }), [
    "features",
    "split",
    "report",
    "train",
  ]);
});

Deno.test("a target may be a path a stage outputs", () => {
  assert.deepEqual(planRepro(graph, ["data/features/store.parquet"]), ["ingest", "features"]);
});

Deno.test("an unknown target is an error naming it", () => {
  assert.throws(() => planRepro(graph, ["trian"]), {
    message:
      'Cannot plan repro: "trian" is neither a stage nor an out of one, did you mean "train"?',
    rule: "unknown_stage",
  });
});

Deno.test("an unknown target far from every stage name gets no hint", () => {
  assert.throws(() => planRepro(graph, ["deploy"]), {
    message: 'Cannot plan repro: "deploy" is neither a stage nor an out of one',
  });
});
