import assert from "node:assert/strict";
import { candidateLine, curvePlots } from "../../../lib/pipeline/experiments/report_curves.ts";
import { readPlots } from "../../../lib/pipeline/spec/plots.ts";

const line = (group: string | undefined, y: number) => ({
  name: `x: ${group}`,
  revision: "x",
  ...(group === undefined ? {} : { group }),
  x: [0, 1],
  y: [0, y],
});

Deno.test("an experiment's line is the candidate's when rows carry a model, named by the experiment", () => {
  const picked = candidateLine(
    [line("Logistic baseline", 0.5), line("GBDT (candidate)", 0.9)],
    "deep",
  );
  assert.deepEqual(picked, { ...line("GBDT (candidate)", 0.9), name: "deep" });
});

Deno.test("without a candidate among the series the first line is drawn, and none without rows", () => {
  assert.equal(candidateLine([line(undefined, 0.7), line(undefined, 0.2)], "a")?.y[1], 0.7);
  assert.equal(candidateLine([], "a"), undefined);
});

Deno.test("the tracking page overlays the roc and pr plots only", () => {
  const { plots } = readPlots({
    roc: { file: "t.json", data: "roc", template: "roc" },
    gains: { file: "t.json", data: "gains", template: "gains" },
    pr: { file: "t.json", data: "pr", template: "pr" },
  }, () => true);
  assert.deepEqual(curvePlots(plots).map((p) => p.name), ["roc", "pr"]);
  assert.deepEqual(curvePlots(undefined), []);
});
