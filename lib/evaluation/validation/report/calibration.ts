/** Calibration by decile: mean predicted against observed bad rate, with Wilson intervals. */
import * as Plot from "@observablehq/plot";
import {
  badge,
  figure,
  type PageSection,
  renderHtmlTable,
  renderPlot,
  scaleOptions,
} from "../../../report/mod.ts";
import type { ValidationReport } from "../schema.ts";

/** The calibration chart and table. */
export function calibrationSection(report: ValidationReport): PageSection {
  const { deciles, level } = report.calibration;
  const top = Math.min(
    1,
    Math.max(...deciles.map((d) => Math.max(d.intervalHigh, d.meanPredicted))) * 1.05,
  );
  const percent = (v: number) => v * 100;
  const chart: Plot.PlotOptions = {
    title: "Observed bad rate against mean predicted probability, by decile",
    width: 520,
    height: 380,
    marginLeft: 56,
    marginBottom: 44,
    x: scaleOptions({
      label: "Mean predicted probability of default",
      unit: "%",
      domain: [0, percent(top)],
    }),
    y: scaleOptions({ label: "Observed bad rate", unit: "%", domain: [0, percent(top)] }),
    marks: [
      Plot.gridX(),
      Plot.gridY(),
      Plot.line([[0, 0], [percent(top), percent(top)]], { stroke: "#999", strokeDasharray: "4,3" }),
      Plot.ruleX(deciles, {
        x: (d) => percent(d.meanPredicted),
        y1: (d) => percent(d.intervalLow),
        y2: (d) => percent(d.intervalHigh),
        stroke: "#4269d0",
      }),
      Plot.dot(deciles, {
        x: (d) => percent(d.meanPredicted),
        y: (d) => percent(d.observedRate),
        fill: (d) => (d.withinInterval ? "#4269d0" : "#b42318"),
        r: 3.5,
      }),
    ],
  };
  const outside = deciles.filter((d) => !d.withinInterval).length;
  return {
    title: "Calibration by decile",
    note:
      `Ten score-quantile bins of the test split, lowest scores first (decile 1). Bars: ${
        level * 100
      }% Wilson score ` +
      `intervals of the observed bad rate (Wilson, not Jeffreys: closed form, good coverage ` +
      `near 0). ${outside} of ${deciles.length} deciles have their mean prediction outside ` +
      `the interval (red dots).`,
    content: [
      figure(renderPlot(chart), "Calibration by decile with Wilson intervals"),
      renderHtmlTable({
        caption: `Calibration deciles, ${level * 100}% Wilson interval of the observed bad rate`,
        columns: [
          "decile",
          "scores from",
          "to",
          "count",
          "bads",
          "mean predicted",
          "observed",
          "interval low",
          "interval high",
          "prediction in interval",
        ],
        rows: deciles.map((d) => [
          d.decile,
          d.lower,
          d.upper,
          d.count,
          d.bads,
          d.meanPredicted,
          d.observedRate,
          d.intervalLow,
          d.intervalHigh,
          d.withinInterval ? badge("yes", "ok") : badge("no", "alert"),
        ]),
      }),
    ],
  };
}
