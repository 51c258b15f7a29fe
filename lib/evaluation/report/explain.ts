/** Explanation sections: global importance (mean |SHAP|) and the SHAP summary plot. */
import {
  barsPlot,
  figure,
  type PageSection,
  renderPlot,
  shapSummaryPlot,
} from "../../report/mod.ts";
import type { Evaluation } from "../evaluate.ts";

/** Features shown in the importance chart and the SHAP summary. */
const TOP = 15;
const SUMMARY_TOP = 10;

/** The top features by mean |SHAP| over the sampled test rows. */
export function importanceSection(evaluation: Evaluation): PageSection {
  const top = evaluation.importance.slice(0, TOP);
  const plot = barsPlot({
    bars: top.map((f) => ({ category: f.name, value: f.meanAbsShap })),
    category: { label: "Feature" },
    value: { label: "Mean |SHAP|", unit: "log-odds" },
    horizontal: true,
  });
  return {
    title: "Global importance",
    note:
      `Mean absolute SHAP value over ${evaluation.shapSample.rows.length} sampled test rows (exact ${
        { gbdt: "TreeSHAP", logistic: "linear SHAP", scorecard: "SHAP from the points" }[
          evaluation.chosen.kind
        ]
      }); top ${top.length} of ${evaluation.importance.length} features.`,
    content: [figure(renderPlot(plot), "Mean |SHAP| per feature")],
  };
}

/** One row of dots per top feature: SHAP value against the feature's value. */
export function shapSummarySection(evaluation: Evaluation): PageSection {
  const { batch, values } = evaluation.shapSample;
  const top = evaluation.importance.slice(0, SUMMARY_TOP);
  const plot = shapSummaryPlot({
    features: top.map((f) => ({
      name: f.name,
      shap: batch.shap[f.feature],
      values: values[f.feature],
    })),
    unit: "log-odds",
  });
  return {
    title: "SHAP summary",
    note:
      "A dot per sampled row: right of zero pushes the predicted default probability up. Colour is the feature's value (blue low, red high, grey missing).",
    content: [figure(renderPlot(plot), `Top ${top.length} features`)],
  };
}
