/**
 * The plots page: each declared plot as a line chart (Observable Plot, inline SVG via
 * lib/report), one line per revision (and series), a legend, offline.
 */
import {
  type Axis,
  curvesPlot,
  figure,
  type PageSection,
  renderPage,
  renderPlot,
} from "../../report/mod.ts";
import type { PlotSpec, PlotTemplate } from "../spec/plots.ts";
import type { PlotData } from "./collect.ts";

/** Axis and mark choices of each template. */
const LOOK: Record<
  PlotTemplate,
  { percentX: boolean; percentY: boolean; unit: boolean; diagonal: boolean; dots: boolean }
> = {
  linear: { percentX: false, percentY: false, unit: false, diagonal: false, dots: false },
  roc: { percentX: true, percentY: true, unit: true, diagonal: true, dots: false },
  pr: { percentX: true, percentY: true, unit: true, diagonal: false, dots: false },
  calibration: { percentX: true, percentY: true, unit: false, diagonal: true, dots: true },
  gains: { percentX: false, percentY: true, unit: false, diagonal: false, dots: true },
};

function axes(plot: PlotSpec): { x: Axis; y: Axis } {
  const look = LOOK[plot.template];
  const domain: [number, number] | undefined = look.unit ? [0, 1] : undefined;
  return {
    x: { label: plot.xLabel, percent: look.percentX, ...(domain ? { domain } : {}) },
    y: { label: plot.yLabel, percent: look.percentY, ...(domain ? { domain } : {}) },
  };
}

/** One plot's section: its chart and where the data came from. */
export function plotSection(data: PlotData): PageSection {
  const { plot, series } = data;
  const look = LOOK[plot.template];
  const chart = curvesPlot({
    series,
    ...axes(plot),
    diagonal: look.diagonal,
    dots: look.dots,
  });
  const revisions = [...new Set(series.map((s) => s.revision))];
  return {
    title: plot.title,
    id: `plot-${plot.name}`,
    note: `${plot.file}${plot.data ? ` → ${plot.data}` : ""} (x: ${plot.x}, y: ${plot.y}${
      plot.series ? `, series: ${plot.series}` : ""
    }) at ${revisions.join(", ")}`,
    content: [figure(renderPlot(chart))],
  };
}

/**
 * The whole page, one section a plot.
 * @example
 * ```ts
 * import { renderPlotsPage } from "./render.ts";
 * const plot = {
 *   name: "roc", file: "t.json", template: "roc" as const, x: "fpr", y: "tpr",
 *   title: "ROC", xLabel: "False positive rate", yLabel: "True positive rate",
 * };
 * const page = renderPlotsPage([{
 *   plot,
 *   series: [{ name: "HEAD", revision: "HEAD", x: [0, 1], y: [0, 1] }],
 * }], { generatedAt: "2026-01-01T00:00:00Z" });
 * if (!page.includes("<svg")) throw new Error("expected a chart");
 * ```
 */
export function renderPlotsPage(
  data: PlotData[],
  options: { generatedAt: string; gitCommit?: string; title?: string },
): string {
  const revisions = [...new Set(data.flatMap((d) => d.series.map((s) => s.revision)))];
  return renderPage({
    title: options.title ?? "Plots",
    subtitle: `Revisions: ${revisions.join(", ")}`,
    lineage: {
      generatedAt: options.generatedAt,
      ...(options.gitCommit ? { gitCommit: options.gitCommit } : {}),
    },
    sections: data.map(plotSection),
  });
}
