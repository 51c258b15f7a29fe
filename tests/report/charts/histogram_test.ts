import assert from "node:assert/strict";
import { binGroups, equalWidthEdges, histogramPlot, renderPlot } from "../../../lib/report/mod.ts";
import { axisLabels, parse, pathData } from "../fixtures.ts";

Deno.test("values are counted into edges with the last bin closed and outliers clamped", () => {
  const bins = binGroups([{ name: "a", values: [-5, 0, 0.5, 1, 1.5, 2, 9, NaN] }], [0, 1, 2]);
  assert.deepEqual(bins.map((b) => [b.x1, b.x2, b.count, b.share]), [
    [0, 1, 3, 3 / 7],
    [1, 2, 4, 4 / 7],
  ]);
});

Deno.test("equal-width edges span the finite values of every group", () => {
  assert.deepEqual(
    equalWidthEdges([{ name: "a", values: [0, 2] }, { name: "b", values: [4, NaN] }], 4),
    [0, 1, 2, 3, 4],
  );
  assert.deepEqual(equalWidthEdges([{ name: "a", values: [3, 3] }], 4), [2.5, 3.5]);
  assert.deepEqual(equalWidthEdges([{ name: "a", values: [NaN] }], 4), [0, 1]);
});

Deno.test("a histogram draws a rect per group and bin with labelled axes and a legend", () => {
  const svg = parse(String(renderPlot(histogramPlot({
    groups: [{ name: "defaulted", values: [0.2, 0.4, 0.9] }, {
      name: "repaid",
      values: [0.1, 0.1],
    }],
    x: { label: "Predicted default probability", percent: true },
    edges: [0, 0.25, 0.5, 0.75, 1],
  }))));
  assert.equal(svg.all('g[aria-label="rect"] rect').length, 8);
  assert.deepEqual(axisLabels(svg).sort(), [
    "Predicted default probability (%) →",
    "↑ Share of group (%)",
  ]);
  for (const d of pathData(svg)) assert.equal(d.includes("NaN"), false, d);
});
