/** The tracking page's params-against-metrics charts: a dot per experiment. */
import * as Plot from "@observablehq/plot";
import { figure, type PageSection, paragraph, renderPlot } from "../../report/mod.ts";
import { cellOf } from "./report_table.ts";
import type { ExperimentTable } from "./table.ts";

/**
 * Each changed param against each metric, a dot (labelled) per experiment that has both;
 * past `max` charts the rest are named, not drawn.
 */
export function paramsSection(table: ExperimentTable, max: number): PageSection {
  const pairs = table.paramColumns.flatMap((param) =>
    table.metricColumns.map((metric) => ({ param, metric }))
  );
  const charts = [];
  for (const { param, metric } of pairs.slice(0, max)) {
    const points = table.rows.flatMap((row) => {
      const [x, y] = [row.params[param], row.metrics[metric]];
      if (typeof y !== "number" || !Number.isFinite(y) || x === undefined) return [];
      return [{ name: row.name, x: typeof x === "number" ? x : String(cellOf(x)), y }];
    });
    if (points.length === 0) continue;
    charts.push(figure(renderPlot({
      title: `${metric} against ${param}`,
      width: 420,
      height: 280,
      marginLeft: 56,
      marginBottom: 44,
      inset: 16,
      x: {
        label: param,
        ...(points.some((p) => typeof p.x !== "number") ? { type: "point" as const } : {}),
      },
      y: { label: metric, grid: true },
      marks: [
        Plot.dot(points, { x: "x", y: "y", fill: "#4269d0", r: 4, tip: true, title: "name" }),
        Plot.text(points, { x: "x", y: "y", text: "name", dy: -9, fontSize: 10 }),
      ],
    })));
  }
  const left = pairs.slice(max).map((p) => `${p.metric} × ${p.param}`);
  return {
    title: "Params against metrics",
    id: "params",
    note: "Each changed param against each metric, one dot per experiment.",
    content: [
      ...(charts.length > 0 ? charts : [paragraph("No changed param with a numeric metric.")]),
      ...(left.length > 0
        ? [paragraph(`Not drawn (past ${max} charts): ${left.join(", ")}.`)]
        : []),
    ],
  };
}
