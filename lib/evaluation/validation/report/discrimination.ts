/** Discrimination sections: the summary figures, the KS decile table and chart, the ROC curve. */
import {
  badge,
  curvesPlot,
  figure,
  grid,
  type PageSection,
  renderHtmlTable,
  renderPlot,
} from "../../../report/mod.ts";
import type { ValidationReport } from "../schema.ts";

/** The headline numbers a reviewer reads first. */
export function summarySection(report: ValidationReport): PageSection {
  const d = report.discrimination;
  const score = report.stability.score;
  return {
    title: "Summary",
    note:
      `Served model: ${report.model.kind} (${report.model.reason}). Test split ${report.rows.test} rows ` +
      `(${report.rows.testBads} bads), training split ${report.rows.train} rows.`,
    content: [renderHtmlTable({
      caption: "Headline validation figures on the test split",
      columns: ["measure", "value", "reading"],
      rows: [
        ["ROC AUC", d.auc, ""],
        ["Gini (2·AUC − 1)", d.gini, ""],
        ["KS (exact, over every score)", d.ks, ""],
        [
          "KS (largest decile KS)",
          d.decileKs,
          "at decile boundaries only, so at most the exact KS",
        ],
        ["Score PSI, test vs train", score.psi, badge(score.band, tone(score.band))],
        [
          "Promotion gate",
          report.gate.passed ? "passed" : "failed",
          badge(
            report.gate.passed ? "pass" : "fail",
            report.gate.passed ? "ok" : "alert",
          ),
        ],
      ],
    })],
  };
}

/** The decile table with cumulative shares and KS, and its chart. */
export function decilesSection(report: ValidationReport): PageSection {
  const rows = report.discrimination.deciles;
  const x = [0, ...rows.map((r) => r.decile)];
  const chart = curvesPlot({
    title: "Cumulative share of bads and goods by score decile",
    series: [
      { name: "Bads", x, y: [0, ...rows.map((r) => r.cumulativeBadShare)] },
      { name: "Goods", x, y: [0, ...rows.map((r) => r.cumulativeGoodShare)] },
      { name: "KS (bads − goods)", x, y: [0, ...rows.map((r) => r.ks)] },
    ],
    x: { label: "Score decile (1 = riskiest tenth)" },
    y: { label: "Cumulative share of the class", percent: true, domain: [0, 1] },
    dots: true,
  });
  return {
    title: "KS and deciles",
    note: "Test rows ranked by descending probability of default and cut into ten equal " +
      "groups (ties by row order). KS per decile = cumulative share of bads − cumulative " +
      "share of goods down to it.",
    content: [
      figure(renderPlot(chart), "KS by decile"),
      renderHtmlTable({
        caption: "Score deciles of the test split, riskiest first",
        columns: [
          "decile",
          "count",
          "min score",
          "max score",
          "bads",
          "goods",
          "bad rate",
          "cum. share of bads",
          "cum. share of goods",
          "KS",
        ],
        rows: rows.map((r) => [
          r.decile,
          r.count,
          r.minScore,
          r.maxScore,
          r.bads,
          r.goods,
          r.badRate,
          r.cumulativeBadShare,
          r.cumulativeGoodShare,
          r.ks,
        ]),
      }),
    ],
  };
}

/** The ROC curve of the served model. */
export function rocSection(report: ValidationReport): PageSection {
  const d = report.discrimination;
  const chart = curvesPlot({
    title: "ROC curve of the served model",
    series: [{ name: report.model.kind, x: d.roc.fpr, y: d.roc.tpr }],
    x: { label: "False positive rate (goods declined)", percent: true, domain: [0, 1] },
    y: { label: "True positive rate (bads declined)", percent: true, domain: [0, 1] },
    diagonal: true,
  });
  return {
    title: "ROC",
    note: `ROC AUC ${d.auc.toFixed(4)}, Gini ${
      d.gini.toFixed(4)
    }. The dashed line is a random score.`,
    content: [grid(figure(renderPlot(chart), "ROC curve, test split"))],
  };
}

/** The badge tone of a PSI band. */
export function tone(band: string): "ok" | "warn" | "alert" {
  return band === "stable" ? "ok" : band === "some shift" ? "warn" : "alert";
}
