/** Chart builders: each returns Plot options, so callers can add marks before rendering. */
export { type Axis, axisLabel, scaleOptions } from "./axis.ts";
export { curvePoints, type CurveSeries, type CurvesOptions, curvesPlot } from "./curves.ts";
export {
  binGroups,
  equalWidthEdges,
  type HistogramBin,
  type HistogramOptions,
  histogramPlot,
  type ValueGroup,
} from "./histogram.ts";
export { type Bar, type BarsOptions, barsPlot } from "./bars.ts";
export {
  type ShapDot,
  shapDots,
  type ShapFeature,
  type ShapSummaryOptions,
  shapSummaryPlot,
  valueRanks,
} from "./shap_summary.ts";
export { thinIndices } from "./thin.ts";
