/**
 * The drift site's performance page: each version's realised AUC across windows against
 * its AUC at training time, the latest judged window per version (KS, Brier, calibration,
 * bad rate by tier) and every window in a table. Without a performance run yet, a page
 * saying how to make one.
 */
import {
  badge,
  type Cell,
  curvesPlot,
  figure,
  type Html,
  type Lineage,
  paragraph,
  renderHtmlTable,
  renderPage,
  renderPlot,
} from "../../report/mod.ts";
import type {
  PerformanceReport,
  PerformanceStatus,
  WindowPerformance,
} from "../performance/mod.ts";
import { siteNav } from "./links.ts";

/** The page's file name at the site root. */
export const PERFORMANCE_PAGE = "performance.html";
/** The report behind the page, beside it. */
export const PERFORMANCE_REPORT = "performance.json";

/** The performance page's HTML. */
export function renderPerformancePage(report: PerformanceReport, lineage: Lineage): string {
  const p = report.params;
  const versions = [...new Set(report.windows.map((w) => w.version))];
  const latest = versions.map((v) => report.latest[v]).filter((w) => w !== undefined);
  return renderPage({
    title: "Realised performance",
    subtitle: `Outcomes joined to logged predictions: ${p.windows} windows of ${p.window}, ` +
      `ending ${p.label_delay} before the run (label delay); a version's window is judged from ` +
      `${p.min_labelled_rows} labelled rows; decay when the AUC falls more than ${p.max_auc_drop} ` +
      `below the version's test AUC.`,
    lineage,
    nav: siteNav(0),
    sections: [
      {
        title: "Latest",
        note:
          "Each version's latest window with a realised AUC, against its metrics at training time.",
        content: latest.length === 0
          ? [paragraph("No version has a judged window yet: too few labelled predictions.")]
          : [renderHtmlTable({
            columns: [
              "version",
              "window",
              "labelled",
              "bad rate",
              "AUC",
              "test AUC",
              "AUC drop",
              "KS",
              "test KS",
              "Brier",
              "test Brier",
              "ECE",
              "status",
            ],
            rows: latest.map((w) => [
              w.version,
              windowText(w),
              w.rows,
              w.rows === 0 ? null : w.positives / w.rows,
              w.auc,
              w.training.auc,
              w.aucDrop,
              w.ks,
              w.training.ks,
              w.brier,
              w.training.brier,
              w.ece,
              statusBadge(w.status),
            ]),
          })],
      },
      {
        title: "AUC over time",
        note: "Realised AUC per window and version; dashed lines at each version's test AUC.",
        content: [aucChart(report, versions)],
      },
      {
        title: "Bad rate by tier",
        note: "The latest judged window of each version.",
        content: latest.map((w) =>
          renderHtmlTable({
            caption: `${w.version}, ${windowText(w)}`,
            columns: ["tier", "rows", "bad rate", "mean score"],
            rows: w.tiers.map((t) => [t.tier, t.rows, t.badRate, t.meanScore]),
          })
        ),
      },
      {
        title: "Calibration",
        note:
          "The latest judged window of each version: mean predicted probability against the observed bad rate, per bin.",
        content: latest.map((w) =>
          renderHtmlTable({
            caption: `${w.version}, ${windowText(w)}`,
            columns: ["from", "to", "rows", "mean predicted", "observed"],
            rows: w.calibration.map((
              b,
            ) => [b.lower, b.upper, b.count, b.meanPredicted, b.observedRate]),
          })
        ),
      },
      {
        title: "Windows",
        content: [renderHtmlTable({
          columns: [
            "version",
            "from",
            "to",
            "labelled",
            "bad",
            "AUC",
            "KS",
            "Brier",
            "ECE",
            "status",
          ],
          rows: report.windows.map((w): Cell[] => [
            w.version,
            w.from,
            w.to,
            w.rows,
            w.positives,
            w.auc,
            w.ks,
            w.brier,
            w.ece,
            statusBadge(w.status),
          ]),
        })],
      },
    ],
  });
}

/** The page before any performance run. */
export function renderNoPerformancePage(lineage: Lineage): string {
  return renderPage({
    title: "Realised performance",
    lineage,
    nav: siteNav(0),
    sections: [{
      title: "Not run yet",
      content: [
        paragraph(
          "No realised-performance run has written this site yet: report outcomes (POST /feedback or deno task feedback), then run deno task performance.",
        ),
      ],
    }],
  });
}

function aucChart(report: PerformanceReport, versions: string[]): Html {
  const series = versions.map((version) => {
    const windows = report.windows.filter((w) => w.version === version);
    return {
      name: version,
      x: windows.map((_, k) => k + 1),
      y: windows.map((w) => w.auc ?? NaN),
    };
  });
  if (!series.some((s) => s.y.some(Number.isFinite))) {
    return paragraph("No judged window yet.");
  }
  const rules = versions.flatMap((version) => {
    const auc = report.windows.find((w) => w.version === version)?.training.auc;
    return auc === null || auc === undefined ? [] : [{ y: auc, label: `${version} test AUC` }];
  });
  return figure(renderPlot(curvesPlot({
    series,
    x: { label: "Window", unit: "number, oldest first" },
    y: { label: "Realised AUC", unit: "ROC AUC" },
    rules,
    dots: true,
    width: 720,
  })));
}

function windowText(w: WindowPerformance): string {
  return `${w.from.slice(0, 16)} – ${w.to.slice(0, 16)}`;
}

function statusBadge(status: PerformanceStatus): Html {
  const tone = status === "ok" ? "ok" : status === "decayed" ? "alert" : undefined;
  return badge(status, tone);
}
