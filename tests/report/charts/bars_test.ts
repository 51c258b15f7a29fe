import assert from "node:assert/strict";
import { barsPlot, renderPlot } from "../../../lib/report/mod.ts";
import { axisLabels, parse } from "../fixtures.ts";

Deno.test("a horizontal bar chart draws one bar per category in the given order", () => {
  const svg = parse(String(renderPlot(barsPlot({
    bars: [
      { category: "EXT_SOURCE_2", value: 0.4 },
      { category: "AMT_CREDIT", value: 0.2 },
      { category: "DAYS_BIRTH", value: NaN },
    ],
    category: { label: "Feature" },
    value: { label: "Mean |SHAP|", unit: "log-odds" },
    horizontal: true,
  }))));
  assert.equal(svg.all('g[aria-label="bar"] rect').length, 2);
  const ticks = svg.all('g[aria-label="y-axis tick label"] text').map((t) => t.textContent);
  assert.deepEqual(ticks, ["EXT_SOURCE_2", "AMT_CREDIT", "DAYS_BIRTH"]);
  assert.deepEqual(axisLabels(svg).sort(), ["Feature", "Mean |SHAP| (log-odds) →"]);
});

Deno.test("grouped vertical bars draw a bar per category and group with a reference rule", () => {
  const svg = parse(String(renderPlot(barsPlot({
    bars: ["1", "2", "3"].flatMap((decile) => [
      { category: decile, group: "GBDT", value: 3 - Number(decile) / 2 },
      { category: decile, group: "baseline", value: 2 - Number(decile) / 3 },
    ]),
    category: { label: "Score decile", unit: "1 = riskiest" },
    value: { label: "Lift", unit: "× base rate" },
    rules: [1],
  }))));
  assert.equal(svg.all('g[aria-label="bar"] rect').length, 6);
  assert.equal(svg.all('g[aria-label="rule"] line').length >= 2, true);
  assert.equal(axisLabels(svg).includes("↑ Lift (× base rate)"), true);
});
