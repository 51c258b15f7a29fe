/** Bar charts: importance, gains and lift by decile, counts by tier, PSI by feature. */
import * as Plot from "@observablehq/plot";
import { type Axis, scaleOptions } from "./axis.ts";

/** One bar; bars sharing a category and differing in `group` sit side by side. */
export interface Bar {
  category: string;
  value: number;
  group?: string;
}

/** Options of {@link barsPlot}. */
export interface BarsOptions {
  bars: Bar[];
  /** The category axis. */
  category: Axis;
  /** The value axis. */
  value: Axis;
  /** Horizontal bars (categories down the side), for long names such as features. */
  horizontal?: boolean;
  /** Reference lines on the value axis, e.g. lift 1 or a PSI threshold. */
  rules?: number[];
  title?: string;
  width?: number;
  height?: number;
}

/**
 * Bars in the given category order; grouped when bars carry a `group`.
 * @example
 * ```ts
 * import { barsPlot } from "./bars.ts";
 * import { renderPlot } from "../plot.ts";
 * const importance = [{ name: "EXT_SOURCE_3", meanAbsShap: 0.4 }, { name: "AMT_CREDIT", meanAbsShap: 0.1 }];
 * const svg = renderPlot(barsPlot({
 *   bars: importance.map((f) => ({ category: f.name, value: f.meanAbsShap })),
 *   category: { label: "Feature" },
 *   value: { label: "Mean |SHAP|", unit: "log-odds" },
 *   horizontal: true,
 * }));
 * if (!String(svg).includes("EXT_SOURCE_3")) throw new Error("expected the feature's bar");
 * ```
 */
export function barsPlot(options: BarsOptions): Plot.PlotOptions {
  const bars = options.bars.filter((b) => Number.isFinite(b.value));
  const categories = [...new Set(options.bars.map((b) => b.category))];
  const groups = [...new Set(options.bars.map((b) => b.group ?? ""))];
  const grouped = groups.length > 1;
  const category = { ...scaleOptions(options.category), domain: categories };
  const value = scaleOptions(options.value);
  const fill = grouped ? "group" : "#4269d0";
  const rules = (options.rules ?? []).map((r) =>
    options.horizontal
      ? Plot.ruleX([r], { stroke: "#b44", strokeDasharray: "4,3" })
      : Plot.ruleY([r], { stroke: "#b44", strokeDasharray: "4,3" })
  );
  const colour = grouped ? { legend: true, domain: groups } : undefined;
  if (options.horizontal) {
    const longest = Math.max(0, ...categories.map((c) => c.length));
    return {
      title: options.title,
      width: options.width ?? 640,
      height: options.height ?? Math.max(160, 40 + categories.length * (grouped ? 28 : 18)),
      marginLeft: Math.min(280, 36 + longest * 6.5),
      marginBottom: 44,
      x: value,
      y: grouped ? { axis: null, domain: groups } : category,
      ...(grouped ? { fy: { ...category, axis: "left" as const } } : {}),
      color: colour,
      marks: [
        Plot.gridX(),
        Plot.barX(bars, { x: "value", y: grouped ? "group" : "category", fill, ...fy(grouped) }),
        Plot.ruleX([0]),
        ...rules,
      ],
    };
  }
  return {
    title: options.title,
    width: options.width ?? 520,
    height: options.height ?? 320,
    marginLeft: 56,
    marginBottom: 44,
    x: grouped ? { axis: null, domain: groups } : category,
    y: value,
    ...(grouped ? { fx: { ...category, padding: 0.15 } } : {}),
    color: colour,
    marks: [
      Plot.gridY(),
      Plot.barY(bars, {
        x: grouped ? "group" : "category",
        y: "value",
        fill,
        ...(grouped ? { fx: "category" } : {}),
      }),
      Plot.ruleY([0]),
      ...rules,
    ],
  };
}

function fy(grouped: boolean): { fy?: string } {
  return grouped ? { fy: "category" } : {};
}
