/**
 * The history page: each feature's PSI across past drift runs (the most drifted
 * features and the score charted, every feature in a table of the latest runs).
 */
import {
  type Cell,
  curvesPlot,
  figure,
  html,
  type Lineage,
  paragraph,
  renderHtmlTable,
  renderPage,
  renderPlot,
} from "../../report/mod.ts";
import type { DriftHistory, DriftThresholds } from "../stats/mod.ts";
import { featurePath, siteNav } from "./links.ts";

const CHARTED = 10;
const TABLE_RUNS = 10;

/** The history page's HTML. */
export function renderHistoryPage(
  history: DriftHistory,
  thresholds: DriftThresholds,
  lineage: Lineage,
): string {
  const runs = history.runs;
  const latest = runs[runs.length - 1];
  const names = latest
    ? Object.keys(latest.psi).sort((a, b) =>
      (latest.psi[b] ?? -1) - (latest.psi[a] ?? -1) || a.localeCompare(b)
    )
    : [];
  const runNumbers = runs.map((_, k) => k + 1);
  const series = [
    { name: "score", x: runNumbers, y: runs.map((r) => r.scorePsi ?? NaN) },
    ...names.slice(0, CHARTED).map((name) => ({
      name,
      x: runNumbers,
      y: runs.map((r) => r.psi[name] ?? NaN),
    })),
  ];
  const shown = runs.slice(-TABLE_RUNS);
  const offset = runs.length - shown.length;
  const rows: Cell[][] = names.map((name) => [
    html`<a href="${featurePath(name)}">${name}</a>`,
    ...shown.map((r) => r.psi[name] ?? null),
  ]);
  rows.unshift(["score", ...shown.map((r) => r.scorePsi)]);
  const outlierRuns = runs.flatMap((r, k) =>
    r.window.outliers === undefined ? [] : [{ run: k + 1, rate: r.window.outliers.rate }]
  );
  return renderPage({
    title: "Drift history",
    subtitle: `${runs.length} drift run${runs.length === 1 ? "" : "s"} recorded.`,
    lineage,
    nav: siteNav(0),
    sections: [
      {
        title: "PSI across runs",
        note:
          `The score and the ${CHARTED} features with the highest PSI in the latest run; dashed lines at the warn and alert thresholds.`,
        content: runs.length > 1
          ? [figure(renderPlot(curvesPlot({
            series,
            x: { label: "Drift run", unit: "number" },
            y: { label: "PSI", unit: "index" },
            rules: [
              { y: thresholds.psi_warn, label: "warn" },
              { y: thresholds.psi_alert, label: "alert" },
            ],
            dots: true,
            width: 720,
          })))]
          : [
            paragraph(
              `${
                runs.length === 0 ? "No runs" : "One run"
              } so far: the chart starts with the second run.`,
            ),
          ],
      },
      {
        title: "Outlier rate across runs",
        note:
          "Share of the window's rows the production version's outlier model flagged (isolation forest or robust Mahalanobis; README, Outliers), per run; runs of a version without one are left out.",
        content: outlierRuns.length > 1
          ? [figure(renderPlot(curvesPlot({
            series: [{
              name: "outlier rate",
              x: outlierRuns.map((r) => r.run),
              y: outlierRuns.map((r) => r.rate),
            }],
            x: { label: "Drift run", unit: "number" },
            y: { label: "Flagged share", unit: "share" },
            dots: true,
            width: 720,
          })))]
          : [
            paragraph(
              `${
                outlierRuns.length === 0 ? "No run" : "One run"
              } with an outlier rate so far: the chart starts with the second.`,
            ),
          ],
      },
      {
        title: "Runs",
        content: [renderHtmlTable({
          columns: [
            "run",
            "time",
            "window",
            "rows",
            "drifted share",
            "dataset drift",
            "outlier rate",
          ],
          rows: runs.map((r, k) => [
            k + 1,
            r.generatedAt,
            r.window.from ? `${r.window.from} – ${r.window.to}` : r.window.source,
            r.window.rows,
            r.driftedShare,
            r.datasetDrifted ? "yes" : "no",
            r.window.outliers?.rate ?? null,
          ]),
        })],
      },
      {
        title: "PSI per feature",
        note: `The last ${shown.length} runs, features in the order of the latest run's PSI.`,
        content: [renderHtmlTable({
          columns: ["feature", ...shown.map((_, k) => `run ${offset + k + 1}`)],
          rows,
        })],
      },
    ],
  });
}
