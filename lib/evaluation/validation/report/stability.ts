/** Stability sections: the score's PSI bins and every feature's CSI, with the 0.1 / 0.25 bands. */
import {
  badge,
  barsPlot,
  figure,
  grid,
  type PageSection,
  renderHtmlTable,
  renderPlot,
} from "../../../report/mod.ts";
import type { ValidationReport } from "../schema.ts";
import { tone } from "./discrimination.ts";

/** Features drawn in the CSI chart (the table lists them all). */
const CHART_FEATURES = 20;

/** Score PSI and feature CSI of the test split against the training split. */
export function stabilitySection(report: ValidationReport): PageSection {
  const { score, features, warn, alert } = report.stability;
  const scoreChart = barsPlot({
    title: "Score distribution: training and test shares per training-decile bin",
    bars: score.bins.flatMap((b) => [
      { category: b.label, group: "train", value: b.trainShare },
      { category: b.label, group: "test", value: b.testShare },
    ]),
    category: { label: "Score bin (training deciles)" },
    value: { label: "Share of rows", percent: true },
    horizontal: true,
  });
  const sorted = [...features].sort((a, b) => b.csi - a.csi || a.feature.localeCompare(b.feature));
  const csiChart = barsPlot({
    title: `Characteristic stability index, the ${
      Math.min(CHART_FEATURES, sorted.length)
    } least stable features`,
    bars: sorted.slice(0, CHART_FEATURES).map((f) => ({ category: f.feature, value: f.csi })),
    category: { label: "Feature" },
    value: { label: "CSI (PSI of the feature)", unit: "index" },
    horizontal: true,
    rules: [warn, alert],
  });
  const counts = (band: string) => features.filter((f) => f.band === band).length;
  return {
    title: "Stability against the training split",
    note: `PSI = Σ (test share − train share) · ln(test share / train share) on the training ` +
      `split's decile bins (levels for categories), missing values left out. Bands: below ${warn} ` +
      `stable, ${warn}–${alert} some shift, ${alert} and above major shift. Score PSI ` +
      `${score.psi.toFixed(4)} (${score.band}); features: ${counts("stable")} stable, ` +
      `${counts("some shift")} some shift, ${counts("major shift")} major shift.`,
    content: [
      grid(
        figure(renderPlot(scoreChart), "Score PSI bins"),
        figure(renderPlot(csiChart), "Feature CSI"),
      ),
      renderHtmlTable({
        caption: `Score PSI ${score.psi.toFixed(4)}: bins of the training scores`,
        columns: ["bin", "train share", "test share", "PSI term"],
        rows: score.bins.map((b) => [b.label, b.trainShare, b.testShare, b.contribution]),
      }),
      renderHtmlTable({
        caption: "CSI of every feature, least stable first",
        columns: ["feature", "type", "CSI", "band", "train missing", "test missing"],
        rows: sorted.map((f) => [
          f.feature,
          f.type,
          f.csi,
          badge(f.band, tone(f.band)),
          f.trainMissingRate,
          f.testMissingRate,
        ]),
        rowClass: (_, i) => (sorted[i].band === "major shift" ? "fail" : undefined),
      }),
    ],
  };
}
