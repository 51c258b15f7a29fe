/** Binning sections: the WOE/IV table and the scorecard's points (or why there are none). */
import {
  barsPlot,
  figure,
  type PageSection,
  paragraph,
  renderHtmlTable,
  renderPlot,
} from "../../../report/mod.ts";
import type { ValidationReport } from "../schema.ts";

/** Features drawn in the IV chart and given a bin table; the IV table lists all. */
const DETAILED_FEATURES = 15;

/** Every feature's IV, and the WOE bins of the most informative ones. */
export function woeSection(report: ValidationReport): PageSection {
  const { source, features } = report.woe;
  const sorted = [...features].sort((a, b) => b.iv - a.iv || a.feature.localeCompare(b.feature));
  const top = sorted.slice(0, DETAILED_FEATURES);
  const chart = barsPlot({
    title: `Information value, the ${top.length} most informative features`,
    bars: top.map((f) => ({ category: f.feature, value: f.iv })),
    category: { label: "Feature" },
    value: { label: "Information value", unit: "IV" },
    horizontal: true,
    rules: [0.02, 0.1, 0.3],
  });
  return {
    title: "WOE and IV",
    note:
      `${
        source === "scorecard"
          ? "The candidate scorecard's own binning (scorecard.json)."
          : "The candidate has no scorecard: each feature binned here on the training split with the scorecard's monotone binning (default params)."
      } WOE = ln(share of bads / share of goods), positive is riskier; IV = Σ (bad share − good share) · WOE. ` +
      `Reading (Siddiqi): below 0.02 unpredictive, 0.02–0.1 weak, 0.1–0.3 medium, 0.3–0.5 strong, above 0.5 suspicious. ` +
      `Bins of the ${top.length} most informative features below; validation.json holds every feature's bins.`,
    content: [
      figure(renderPlot(chart), "Information value by feature"),
      renderHtmlTable({
        caption: "Information value of every feature, highest first",
        columns: ["feature", "IV", "reading", "bins"],
        rows: sorted.map((f) => [f.feature, f.iv, f.strength, f.bins.length]),
      }),
      ...top.map((f) =>
        renderHtmlTable({
          caption: `${f.feature}: WOE bins on the training split (IV ${f.iv.toFixed(4)})`,
          columns: ["bin", "values", "count", "bads", "bad rate", "WOE"],
          rows: f.bins.map((b) => [b.bin, b.label, b.count, b.bads, b.badRate, b.woe]),
        })
      ),
    ],
  };
}

/** The scorecard's points, or a sentence saying the version has none. */
export function pointsSection(report: ValidationReport): PageSection {
  const points = report.points;
  if (points === null) {
    return {
      title: "Points table",
      content: [paragraph(
        "This version has no scorecard, so it has no points table: its served model is " +
          `${report.model.kind}, and no scorecard.json was among the candidate's files.`,
      )],
    };
  }
  return {
    title: "Points table",
    note: `Score = Σ points of a row's bins; ${points.baseScore} points at good:bad odds of ` +
      `${points.baseOdds}:1, ${points.pdo} points to double the odds.`,
    content: [renderHtmlTable({
      caption: "Points per bin of each feature in the scorecard",
      columns: ["feature", "bin", "values", "count", "bad rate", "WOE", "points"],
      rows: points.rows.map((
        r,
      ) => [r.feature, r.bin, r.label, r.count, r.badRate, r.woe, r.points]),
    })],
  };
}
