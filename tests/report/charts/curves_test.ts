import assert from "node:assert/strict";
import { curvePoints, curvesPlot, renderPlot } from "../../../lib/report/mod.ts";
import { axisLabels, parse, pathData } from "../fixtures.ts";

const roc = (name: string, tpr: number[]) => ({ name, x: [0, 0.25, 0.5, 1], y: tpr });

Deno.test("a curve chart draws one line per series, the diagonal and labelled axes", () => {
  const svg = parse(String(renderPlot(curvesPlot({
    series: [roc("GBDT", [0, 0.6, 0.8, 1]), roc("baseline", [0, 0.4, 0.7, 1])],
    x: { label: "False positive rate", percent: true },
    y: { label: "True positive rate", percent: true },
    diagonal: true,
  }))));
  const lines = svg.all('g[aria-label="line"] path');
  assert.equal(lines.length, 3);
  assert.deepEqual(axisLabels(svg).sort(), [
    "False positive rate (%) →",
    "↑ True positive rate (%)",
  ]);
  assert.deepEqual(
    svg.all("span").map((s) => s.textContent).filter((t) => t === "GBDT" || t === "baseline"),
    ["GBDT", "baseline"],
  );
});

Deno.test("no path of a curve chart has NaN coordinates when the data has gaps", () => {
  const svg = parse(String(renderPlot(curvesPlot({
    series: [{ name: "PSI", x: [1, 2, 3, 4], y: [0.1, NaN, 0.3, Infinity] }],
    x: { label: "Drift run", unit: "index" },
    y: { label: "PSI", unit: "index" },
    rules: [{ y: 0.25, label: "alert" }],
    dots: true,
  }))));
  for (const d of pathData(svg)) assert.equal(d.includes("NaN"), false, d);
  assert.equal(svg.all('g[aria-label="dot"] circle').length, 2);
  assert.equal(svg.all('g[aria-label="rule"] line').length, 1);
});

Deno.test("curve points drop non-finite values and thin long curves to maxPoints", () => {
  assert.deepEqual(curvePoints([{ name: "a", x: [0, 1, 2], y: [1, NaN, 3] }]), [
    { series: "a", x: 0, y: 1 },
    { series: "a", x: 2, y: 3 },
  ]);
  const long = Array.from({ length: 1001 }, (_, i) => i);
  const thinned = curvePoints([{ name: "b", x: long, y: long }], 11);
  assert.deepEqual(thinned.map((p) => p.x), [0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
});

Deno.test("series of unequal lengths are refused with the series name", () => {
  assert.throws(() => curvePoints([{ name: "GBDT", x: [0, 1], y: [0] }]), {
    name: "RangeError",
    message: 'Cannot plot curve "GBDT": x has 2 points, y has 1',
  });
});
