/** Distributions of one quantity for several groups (classes, reference vs current). */
import * as Plot from "@observablehq/plot";
import { type Axis, scaleOptions } from "./axis.ts";

/** The values of one group. */
export interface ValueGroup {
  name: string;
  values: ArrayLike<number>;
}

/** One bar of a binned distribution. */
export interface HistogramBin {
  group: string;
  x1: number;
  x2: number;
  count: number;
  /** count / the group's finite values. */
  share: number;
}

/** Options of {@link histogramPlot}. */
export interface HistogramOptions {
  groups: ValueGroup[];
  x: Axis;
  /** Bin edges, ascending; `bins` equal-width bins over the finite values otherwise. */
  edges?: number[];
  bins?: number;
  /** "share" (default) compares groups of different sizes; "count" shows raw counts. */
  measure?: "share" | "count";
  title?: string;
  width?: number;
  height?: number;
}

/** Equal-width edges over the finite values of all groups. */
export function equalWidthEdges(groups: ValueGroup[], bins: number): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const g of groups) {
    for (let i = 0; i < g.values.length; i++) {
      const v = g.values[i];
      if (Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
  }
  if (lo === Infinity) return [0, 1];
  if (lo === hi) return [lo - 0.5, hi + 0.5];
  return Array.from({ length: bins + 1 }, (_, k) => k === bins ? hi : lo + ((hi - lo) * k) / bins);
}

/**
 * Counts each group's finite values into the bins lo ≤ v < hi (the last bin closed);
 * values outside the edges go to the first or last bin.
 */
export function binGroups(groups: ValueGroup[], edges: number[]): HistogramBin[] {
  if (edges.length < 2) throw new RangeError(`Cannot bin values: ${edges.length} edges, need 2`);
  const out: HistogramBin[] = [];
  const last = edges.length - 2;
  for (const g of groups) {
    const counts = new Float64Array(last + 1);
    let finite = 0;
    for (let i = 0; i < g.values.length; i++) {
      const v = g.values[i];
      if (!Number.isFinite(v)) continue;
      finite++;
      counts[binOf(edges, v, last)]++;
    }
    for (let k = 0; k <= last; k++) {
      out.push({
        group: g.name,
        x1: edges[k],
        x2: edges[k + 1],
        count: counts[k],
        share: finite === 0 ? 0 : counts[k] / finite,
      });
    }
  }
  return out;
}

function binOf(edges: number[], v: number, last: number): number {
  let lo = 0;
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (v >= edges[mid]) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Overlaid step histograms, one colour per group, as shares of each group by default.
 * @example
 * ```ts
 * import { histogramPlot } from "./histogram.ts";
 * import { renderPlot } from "../plot.ts";
 * const pos = [0.3, 0.5, 0.7];
 * const neg = [0.05, 0.1, 0.2, 0.4];
 * const svg = renderPlot(histogramPlot({
 *   groups: [{ name: "defaulted", values: pos }, { name: "repaid", values: neg }],
 *   x: { label: "Predicted default probability", percent: true },
 * }));
 * if (!String(svg).includes("<svg")) throw new Error("expected an SVG");
 * ```
 */
export function histogramPlot(options: HistogramOptions): Plot.PlotOptions {
  const edges = options.edges ?? equalWidthEdges(options.groups, options.bins ?? 30);
  const data = binGroups(options.groups, edges);
  const measure = options.measure ?? "share";
  return {
    title: options.title,
    width: options.width ?? 520,
    height: options.height ?? 320,
    marginLeft: 56,
    marginBottom: 44,
    x: scaleOptions(options.x),
    y: scaleOptions(
      measure === "share"
        ? { label: "Share of group", percent: true }
        : { label: "Rows", unit: "count" },
    ),
    color: { legend: true, domain: options.groups.map((g) => g.name) },
    marks: [
      Plot.gridY(),
      // y1/y2 rather than y: overlaid, not stacked
      Plot.rect(data, {
        x1: "x1",
        x2: "x2",
        y1: 0,
        y2: measure,
        fill: "group",
        fillOpacity: 0.25,
        stroke: "group",
        strokeWidth: 1.2,
        inset: 0.5,
      }),
      Plot.ruleY([0]),
    ],
  };
}
