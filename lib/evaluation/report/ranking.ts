/** Ranking sections: ROC and PR curves of every model, and the candidate's KS plot. */
import * as Plot from "@observablehq/plot";
import { curvesPlot, figure, grid, type PageSection, renderPlot } from "../../report/mod.ts";
import type { Evaluation } from "../evaluate.ts";
import { modelLabel } from "./names.ts";

/** ROC and PR curves of every candidate model and production, on one test split. */
export function curvesSection(evaluation: Evaluation): PageSection {
  const roc = curvesPlot({
    series: evaluation.curves.map((c) => ({
      name: modelLabel(c.model, evaluation.chosen.kind),
      x: c.roc.fpr,
      y: c.roc.tpr,
    })),
    x: { label: "False positive rate", percent: true, domain: [0, 1] },
    y: { label: "True positive rate", percent: true, domain: [0, 1] },
    diagonal: true,
  });
  const pr = curvesPlot({
    series: evaluation.curves.map((c) => ({
      name: modelLabel(c.model, evaluation.chosen.kind),
      x: c.pr.recall,
      y: c.pr.precision,
    })),
    x: { label: "Recall", percent: true, domain: [0, 1] },
    y: { label: "Precision", percent: true, domain: [0, 1] },
    rules: [{ y: evaluation.gbdt.prevalence, label: "default rate" }],
  });
  const auc = evaluation.curves.map((c) => {
    const summary = c.model === "gbdt"
      ? evaluation.gbdt
      : c.model === "baseline"
      ? evaluation.baseline
      : c.model === "scorecard"
      ? evaluation.scorecard
      : evaluation.production;
    return `${modelLabel(c.model, evaluation.chosen.kind)} ${summary?.rocAuc.toFixed(4)}`;
  }).join(", ");
  return {
    title: "ROC and precision–recall curves",
    note: `Same test split for every model. ROC AUC: ${auc}. The dashed line is a random score.`,
    content: [
      grid(figure(renderPlot(roc), "ROC curve"), figure(renderPlot(pr), "Precision–recall curve")),
    ],
  };
}

/** The KS plot: how far apart the score distributions of the two classes are. */
export function ksSection(evaluation: Evaluation): PageSection {
  const { thresholds, tpr, fpr } = evaluation.ks;
  const options = curvesPlot({
    series: [
      { name: "Defaulted (share at or above score)", x: thresholds, y: tpr },
      { name: "Repaid (share at or above score)", x: thresholds, y: fpr },
    ],
    x: { label: "Score threshold (predicted default probability)", percent: true },
    y: { label: "Share of class scored at or above the threshold", percent: true, domain: [0, 1] },
  });
  const at = evaluation.candidate.ksThreshold;
  const marks = [
    ...(options.marks ?? []),
    Plot.ruleX([at], { stroke: "#b44", strokeDasharray: "4,3" }),
    Plot.text([at], {
      x: (d: number) => d,
      frameAnchor: "top",
      dy: 6,
      dx: 4,
      textAnchor: "start",
      text: () => `KS ${evaluation.candidate.ks.toFixed(3)}`,
      fill: "#b44",
    }),
  ];
  return {
    title: "KS plot",
    note: `KS is the largest gap between the two curves: ${
      evaluation.candidate.ks.toFixed(4)
    } at a score of ${(at * 100).toFixed(2)}%.`,
    content: [
      figure(renderPlot({ ...options, marks }), "Kolmogorov–Smirnov separation, candidate"),
    ],
  };
}
