/** Operating views: gains and lift by decile, outcomes by risk tier. */
import {
  barsPlot,
  curvesPlot,
  figure,
  grid,
  type PageSection,
  renderHtmlTable,
  renderPlot,
} from "../../report/mod.ts";
import type { Evaluation } from "../evaluate.ts";
import { pairLabels } from "./names.ts";

/** Cumulative capture (gains) and lift per score decile, candidate beside the baseline. */
export function gainsSection(evaluation: Evaluation): PageSection {
  const labels = pairLabels(evaluation.chosen.kind);
  const models = [
    { name: labels.candidate, rows: evaluation.gains },
    { name: labels.other, rows: evaluation.baselineGains },
  ];
  const gains = curvesPlot({
    series: models.map((m) => ({
      name: m.name,
      x: [0, ...m.rows.map((r) => r.group / m.rows.length)],
      y: [0, ...m.rows.map((r) => r.cumulativeCapture)],
    })),
    x: { label: "Share of applicants, riskiest first", percent: true, domain: [0, 1] },
    y: { label: "Share of defaulters captured", percent: true, domain: [0, 1] },
    diagonal: true,
    dots: true,
  });
  const lift = barsPlot({
    bars: models.flatMap((m) =>
      m.rows.map((r) => ({ category: String(r.group), group: m.name, value: r.lift }))
    ),
    category: { label: "Score decile", unit: "1 = riskiest" },
    value: { label: "Lift", unit: "× overall default rate" },
    rules: [1],
  });
  const table = renderHtmlTable({
    caption: `${labels.candidate} by decile`,
    columns: ["decile", "rows", "defaults", "default rate", "score range", "cum. capture", "lift"],
    rows: evaluation.gains.map((r) => [
      r.group,
      r.count,
      r.positives,
      r.positiveRate,
      `${(r.minScore * 100).toFixed(2)}–${(r.maxScore * 100).toFixed(2)}%`,
      r.cumulativeCapture,
      r.lift,
    ]),
  });
  return {
    title: "Gains and lift by decile",
    note: "Applicants ranked by score and cut into ten equal groups; decile 1 is the riskiest.",
    content: [
      grid(figure(renderPlot(gains), "Cumulative gains"), figure(renderPlot(lift), "Lift")),
      table,
    ],
  };
}

/** Rows, defaults and repayments per risk tier at the tier thresholds. */
export function tierSection(evaluation: Evaluation): PageSection {
  const tiers = evaluation.tiers;
  const bands = tiers.map((t) =>
    `${t.tier}: ${(t.lower * 100).toFixed(1)}–${(t.upper * 100).toFixed(1)}%`
  );
  const plot = barsPlot({
    bars: tiers.flatMap((t) => [
      { category: t.tier, group: "Defaulted", value: t.positives },
      { category: t.tier, group: "Repaid", value: t.negatives },
    ]),
    category: { label: "Risk tier", unit: "by predicted default probability" },
    value: { label: "Applicants", unit: "count" },
  });
  const table = renderHtmlTable({
    columns: [
      "tier",
      "band",
      "rows",
      "defaulted",
      "repaid",
      "default rate",
      "share of rows",
      "share of defaults",
    ],
    rows: tiers.map((t, i) => [
      t.tier,
      bands[i].slice(t.tier.length + 2),
      t.rows,
      t.positives,
      t.negatives,
      t.positiveRate,
      t.shareOfRows,
      t.shareOfPositives,
    ]),
  });
  return {
    title: "Confusion by risk tier",
    note: `The candidate's test rows by tier (${bands.join("; ")}) and their actual outcome.${
      evaluation.tierOrigin === undefined ? "" : ` ${evaluation.tierOrigin}`
    }`,
    content: [figure(renderPlot(plot), "Outcomes per tier"), table],
  };
}
