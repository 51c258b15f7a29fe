/** Probability sections: calibration and score distributions by class. */
import {
  curvesPlot,
  figure,
  grid,
  histogramPlot,
  type PageSection,
  renderHtmlTable,
  renderPlot,
} from "../../report/mod.ts";
import type { Evaluation } from "../evaluate.ts";
import { modelLabel, pairLabels } from "./names.ts";

/** Reliability plot and table: mean predicted probability against the observed default rate. */
export function calibrationSection(evaluation: Evaluation): PageSection {
  const bins = evaluation.calibration;
  const top = Math.max(...bins.flatMap((b) => [b.meanPredicted, b.observedRate]), 0.01);
  const plot = curvesPlot({
    series: [{
      name: pairLabels(evaluation.chosen.kind).candidate,
      x: bins.map((b) => b.meanPredicted),
      y: bins.map((b) => b.observedRate),
    }],
    x: { label: "Mean predicted default probability", percent: true, domain: [0, top] },
    y: { label: "Observed default rate", percent: true, domain: [0, top] },
    diagonal: true,
    dots: true,
  });
  const table = renderHtmlTable({
    columns: ["bin", "rows", "mean predicted", "observed rate"],
    rows: bins.map((b) => [
      `${(b.lower * 100).toFixed(2)}–${(b.upper * 100).toFixed(2)}%`,
      b.count,
      b.meanPredicted,
      b.observedRate,
    ]),
  });
  return {
    title: "Calibration",
    note:
      `Ten quantile bins of the candidate's scores; a calibrated model sits on the diagonal. ECE ${
        evaluation.candidate.ece.toFixed(4)
      }, Brier ${evaluation.candidate.brier.toFixed(4)}.`,
    content: [grid(figure(renderPlot(plot), "Reliability diagram"), table)],
  };
}

/** Score distributions of defaulters and repayers, per candidate model. */
export function distributionSection(evaluation: Evaluation): PageSection {
  const byClass = (scores: Float64Array) => {
    const labels = evaluation.labels;
    const pos: number[] = [];
    const neg: number[] = [];
    for (let i = 0; i < scores.length; i++) (labels[i] === 1 ? pos : neg).push(scores[i]);
    return [{ name: "Defaulted", values: pos }, { name: "Repaid", values: neg }];
  };
  const plot = (scores: Float64Array, caption: string) =>
    figure(
      renderPlot(histogramPlot({
        groups: byClass(scores),
        x: { label: "Predicted default probability", percent: true },
        bins: 40,
      })),
      caption,
    );
  return {
    title: "Score distributions by class",
    note: "Each class as a share of its own rows, so the rarer defaulters stay visible.",
    content: [grid(
      plot(evaluation.scores.gbdt, modelLabel("gbdt", evaluation.chosen.kind)),
      plot(evaluation.scores.baseline, modelLabel("baseline", evaluation.chosen.kind)),
      ...(evaluation.scores.scorecard
        ? [plot(evaluation.scores.scorecard, modelLabel("scorecard", evaluation.chosen.kind))]
        : []),
    )],
  };
}
