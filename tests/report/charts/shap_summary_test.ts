import assert from "node:assert/strict";
import { renderPlot, shapDots, shapSummaryPlot, valueRanks } from "../../../lib/report/mod.ts";
import { createRng } from "../../../lib/random/mod.ts";
import { parse } from "../fixtures.ts";

Deno.test("value ranks run from 0 to 1, ties share their mean rank and NaN stays NaN", () => {
  assert.deepEqual([...valueRanks([30, 10, NaN, 20, 20])], [1, 0, NaN, 0.5, 0.5]);
  assert.deepEqual([...valueRanks([7])], [0.5]);
});

Deno.test("each feature's dots stay within 0.4 of its row and keep their SHAP values", () => {
  const rng = createRng(7);
  const features = ["a", "b"].map((name) => ({
    name,
    shap: Array.from({ length: 300 }, () => rng.normal() * 0.1),
    values: Array.from({ length: 300 }, () => rng.float()),
  }));
  const dots = shapDots(features);
  assert.equal(dots.length, 600);
  for (const d of dots) {
    const row = d.feature === "a" ? 0 : 1;
    assert.equal(Math.abs(d.y - row) <= 0.4 + 1e-12, true);
  }
  assert.deepEqual(
    dots.filter((d) => d.feature === "b").map((d) => d.shap).sort(),
    [...features[1].shap].sort(),
  );
});

Deno.test("the SHAP summary draws a dot per row of each feature and names the features", () => {
  const svg = parse(String(renderPlot(shapSummaryPlot({
    features: [
      { name: "EXT_SOURCE_2", shap: [0.3, -0.2, 0.1], values: [0.1, 0.9, NaN] },
      { name: "AMT_CREDIT", shap: [0, 0.05, -0.05], values: [1, 2, 3] },
    ],
    unit: "log-odds",
  }))));
  assert.equal(svg.all('g[aria-label="dot"] circle').length, 6);
  const ticks = svg.all('g[aria-label="y-axis tick label"] text').map((t) => t.textContent);
  assert.deepEqual(ticks, ["EXT_SOURCE_2", "AMT_CREDIT"]);
  assert.equal(
    svg.all('g[aria-label="x-axis label"] text')[0].textContent,
    "SHAP value (log-odds, impact on the score) →",
  );
});
