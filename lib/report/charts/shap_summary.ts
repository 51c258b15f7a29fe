/** A beeswarm-like SHAP summary: one row per feature, a dot per row of data. */
import * as Plot from "@observablehq/plot";
import { thinIndices } from "./thin.ts";

/** SHAP values of one feature and the feature's values on the same rows. */
export interface ShapFeature {
  name: string;
  shap: ArrayLike<number>;
  values: ArrayLike<number>;
}

/** Options of {@link shapSummaryPlot}. */
export interface ShapSummaryOptions {
  /** Features from the top of the plot down (most important first). */
  features: ShapFeature[];
  /** Unit of the SHAP values, e.g. "log-odds". */
  unit: string;
  /** Dots kept per feature; more rows are thinned evenly. */
  maxPoints?: number;
  title?: string;
  width?: number;
}

/** One dot: feature row index plus a jitter, SHAP value, value rank in [0, 1] (NaN if missing). */
export interface ShapDot {
  feature: string;
  y: number;
  shap: number;
  rank: number;
}

/**
 * Dots of the summary: each feature's dots are stacked around its row, spread by how
 * many fall near the same SHAP value (so dense regions look wide, like a beeswarm); the
 * colour is the feature value's rank within the feature.
 */
export function shapDots(features: ShapFeature[], maxPoints = 400, cells = 80): ShapDot[] {
  const dots: ShapDot[] = [];
  let lo = Infinity;
  let hi = -Infinity;
  for (const f of features) {
    for (let i = 0; i < f.shap.length; i++) {
      const v = f.shap[i];
      if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    }
  }
  const width = hi > lo ? (hi - lo) / cells : 1;
  features.forEach((f, row) => {
    const kept = [...thinIndices(f.shap.length, maxPoints)].filter((i) =>
      Number.isFinite(f.shap[i])
    );
    const ranks = valueRanks(kept.map((i) => f.values[i]));
    const perCell = new Map<number, number>();
    for (const i of kept) perCell.set(cellOf(f.shap[i]), (perCell.get(cellOf(f.shap[i])) ?? 0) + 1);
    const tallest = Math.max(1, ...perCell.values());
    const seen = new Map<number, number>();
    kept.forEach((i, k) => {
      const cell = cellOf(f.shap[i]);
      const n = seen.get(cell) ?? 0;
      seen.set(cell, n + 1);
      // alternate above and below the row: 0, +1, -1, +2, -2, … scaled into ±0.4
      const offset = (n % 2 === 0 ? 1 : -1) * Math.ceil(n / 2) * (0.4 / Math.ceil(tallest / 2));
      dots.push({ feature: f.name, y: row + offset, shap: f.shap[i], rank: ranks[k] });
    });
  });
  return dots;

  function cellOf(v: number): number {
    return Math.floor((v - lo) / width);
  }
}

/** Rank of each finite value scaled to [0, 1] (ties share the mean rank); NaN stays NaN. */
export function valueRanks(values: number[]): Float64Array {
  const order = values.map((v, i) => [v, i] as const).filter(([v]) => Number.isFinite(v))
    .sort((a, b) => a[0] - b[0]);
  const out = new Float64Array(values.length).fill(NaN);
  const last = Math.max(1, order.length - 1);
  for (let k = 0; k < order.length;) {
    let end = k;
    while (end + 1 < order.length && order[end + 1][0] === order[k][0]) end++;
    const rank = order.length === 1 ? 0.5 : (k + end) / 2 / last;
    for (let t = k; t <= end; t++) out[order[t][1]] = rank;
    k = end + 1;
  }
  return out;
}

/**
 * The summary plot: x is the SHAP value, rows are features, colour runs from low
 * (blue) to high (red) feature values; missing values are grey.
 * @example
 * ```ts
 * import { shapSummaryPlot } from "./shap_summary.ts";
 * import { renderPlot } from "../plot.ts";
 * const top = [{ name: "AMT_CREDIT", shap: [0.1, -0.2, 0.3], values: [1, 2, 3] }];
 * const svg = renderPlot(shapSummaryPlot({ features: top, unit: "log-odds" }));
 * if (!String(svg).includes("<svg")) throw new Error("expected an SVG");
 * ```
 */
export function shapSummaryPlot(options: ShapSummaryOptions): Plot.PlotOptions {
  const names = options.features.map((f) => f.name);
  const dots = shapDots(options.features, options.maxPoints);
  const longest = Math.max(0, ...names.map((n) => n.length));
  return {
    title: options.title,
    width: options.width ?? 640,
    height: 60 + names.length * 34,
    marginLeft: Math.min(280, 16 + longest * 6.5),
    marginBottom: 44,
    x: { label: `SHAP value (${options.unit}, impact on the score)` },
    y: {
      label: null,
      domain: [names.length - 0.5, -0.5],
      ticks: names.map((_, i) => i),
      tickFormat: (i: number) => names[i] ?? "",
    },
    color: {
      // quantized: a continuous legend ramp needs a canvas, which linkedom lacks
      type: "quantize",
      n: 5,
      domain: [0, 1],
      // blue to red through purple: no pale middle that vanishes on white
      range: ["#2f64d6", "#6f5cc4", "#9c52a8", "#c24a80", "#d8413b"],
      legend: true,
      label: "Feature value (rank within feature, low → high)",
      unknown: "#aaa",
    },
    marks: [
      Plot.ruleX([0], { stroke: "#999" }),
      Plot.dot(dots, { x: "shap", y: "y", fill: "rank", r: 1.6, stroke: null }),
    ],
  };
}
