/** Line charts of one or more curves (ROC, PR, KS, PSI history). */
import * as Plot from "@observablehq/plot";
import { type Axis, scaleOptions } from "./axis.ts";
import { thinIndices } from "./thin.ts";

/** One named curve. */
export interface CurveSeries {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/** Options of {@link curvesPlot}. */
export interface CurvesOptions {
  series: CurveSeries[];
  x: Axis;
  y: Axis;
  /** Draw the y = x reference line (ROC, calibration). */
  diagonal?: boolean;
  /** Horizontal reference lines, e.g. a PSI alert threshold. */
  rules?: { y: number; label: string }[];
  /** Draw a dot at every point (for short series). */
  dots?: boolean;
  /** Points kept per curve; longer curves are thinned evenly. */
  maxPoints?: number;
  title?: string;
  width?: number;
  height?: number;
}

/** Tidy rows of the series, non-finite points dropped, long curves thinned. */
export function curvePoints(
  series: CurveSeries[],
  maxPoints = 400,
): { series: string; x: number; y: number }[] {
  const rows: { series: string; x: number; y: number }[] = [];
  for (const s of series) {
    if (s.x.length !== s.y.length) {
      throw new RangeError(
        `Cannot plot curve "${s.name}": x has ${s.x.length} points, y has ${s.y.length}`,
      );
    }
    for (const i of thinIndices(s.x.length, maxPoints)) {
      const x = s.x[i];
      const y = s.y[i];
      if (Number.isFinite(x) && Number.isFinite(y)) rows.push({ series: s.name, x, y });
    }
  }
  return rows;
}

/**
 * A line per series, coloured by name with a legend.
 * @example
 * ```ts
 * import { curvesPlot } from "./curves.ts";
 * import { renderPlot } from "../plot.ts";
 * const roc = { fpr: [0, 0.5, 1], tpr: [0, 0.8, 1] };
 * const svg = renderPlot(curvesPlot({
 *   series: [{ name: "GBDT", x: roc.fpr, y: roc.tpr }],
 *   x: { label: "False positive rate", percent: true },
 *   y: { label: "True positive rate", percent: true },
 *   diagonal: true,
 * }));
 * if (!String(svg).includes("<svg")) throw new Error("expected an SVG");
 * ```
 */
export function curvesPlot(options: CurvesOptions): Plot.PlotOptions {
  const data = curvePoints(options.series, options.maxPoints);
  const marks: Plot.Markish[] = [Plot.gridX(), Plot.gridY()];
  if (options.diagonal) {
    marks.push(
      Plot.line([[0, 0], [1, 1]], { stroke: "#999", strokeDasharray: "4,3" }),
    );
  }
  for (const rule of options.rules ?? []) {
    marks.push(
      Plot.ruleY([rule.y], { stroke: "#b44", strokeDasharray: "4,3" }),
      Plot.text([rule], { y: "y", frameAnchor: "right", text: "label", dy: -6, fill: "#b44" }),
    );
  }
  marks.push(Plot.line(data, { x: "x", y: "y", stroke: "series", strokeWidth: 1.8 }));
  if (options.dots) marks.push(Plot.dot(data, { x: "x", y: "y", fill: "series", r: 2.5 }));
  return {
    title: options.title,
    width: options.width ?? 520,
    height: options.height ?? 360,
    marginLeft: 56,
    marginBottom: 44,
    x: scaleOptions(options.x),
    y: scaleOptions(options.y),
    color: { legend: true, domain: options.series.map((s) => s.name) },
    marks,
  };
}
