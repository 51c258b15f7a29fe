/**
 * The tracking page (`exp report`, reports/experiments/index.html): the `exp show` table,
 * a bar chart per metric (one bar an experiment), the ROC and PR curves of the chosen
 * experiments overlaid, and each changed param against each metric. Static HTML with
 * inline SVG (Observable Plot via lib/report), offline.
 */
import * as Plot from "@observablehq/plot";
import {
  barsPlot,
  type Cell,
  curvesPlot,
  figure,
  type PageSection,
  paragraph,
  renderHtmlTable,
  renderPage,
  renderPlot,
} from "../../report/mod.ts";
import { formatValue } from "../spec/flatten.ts";
import type { ExperimentCurves } from "./report_curves.ts";
import type { ExperimentTable } from "./table.ts";

/** Options of {@link renderExperimentsPage}. */
export interface ExperimentsPageOptions {
  generatedAt: string;
  gitCommit?: string;
  /** Param × metric charts drawn at most (default 12); the rest are named. */
  maxScatter?: number;
}

function cellOf(value: unknown): Cell {
  if (value === undefined) return undefined;
  if (typeof value === "number" || typeof value === "string") return value;
  return formatValue(value);
}

function tableSection(table: ExperimentTable): PageSection {
  const columns = [
    "Experiment",
    "Status",
    "Created",
    ...table.metricColumns,
    ...table.paramColumns,
  ];
  const rows = table.rows.map((row): Cell[] => [
    row.name,
    row.status,
    row.queuedAt,
    ...table.metricColumns.map((key) => cellOf(row.metrics[key])),
    ...table.paramColumns.map((key) => cellOf(row.params[key])),
  ]);
  return {
    title: "Experiments",
    id: "experiments",
    note: "As exp show prints it: the params any experiment changed and the metrics columns.",
    content: [
      renderHtmlTable({
        columns,
        rows,
        rowClass: (row) => row[1] === "failed" ? "fail" : undefined,
      }),
    ],
  };
}

function numericMetric(table: ExperimentTable, key: string): { name: string; value: number }[] {
  return table.rows.flatMap((row) => {
    const value = row.metrics[key];
    return typeof value === "number" && Number.isFinite(value) ? [{ name: row.name, value }] : [];
  });
}

function barsSection(table: ExperimentTable): PageSection {
  const charts = table.metricColumns.flatMap((key) => {
    const values = numericMetric(table, key);
    if (values.length === 0) return [];
    const chart = barsPlot({
      bars: values.map((v) => ({ category: v.name, value: v.value })),
      category: { label: "Experiment" },
      value: { label: key },
      horizontal: true,
      title: key,
    });
    return [figure(renderPlot(chart))];
  });
  return {
    title: "Metrics",
    id: "metrics",
    note: "One chart per numeric metric, one bar per experiment that has it.",
    content: charts.length > 0 ? charts : [paragraph("No numeric metric.")],
  };
}

function curvesSection(curves: ExperimentCurves[], chosen: string[]): PageSection {
  const content = curves.length === 0
    ? [paragraph("pipeline.yaml declares no plot with the roc or pr template (plots:).")]
    : curves.flatMap(({ plot, series, missing }) => {
      const unit: [number, number] = [0, 1];
      const parts = [];
      if (series.length > 0) {
        const chart = curvesPlot({
          series,
          x: { label: plot.xLabel, percent: true, domain: unit },
          y: { label: plot.yLabel, percent: true, domain: unit },
          diagonal: plot.template === "roc",
          title: plot.title,
        });
        parts.push(figure(renderPlot(chart)));
      }
      for (const m of missing) {
        parts.push(paragraph(`${plot.title}: no curve for ${m.name}: ${m.reason}.`));
      }
      return parts;
    });
  return {
    title: "ROC and PR curves",
    id: "curves",
    note: `The chosen experiments (${chosen.join(", ") || "none"}), one line each; ` +
      "when a plot has a series field, the candidate's line.",
    content,
  };
}

function scatterSection(table: ExperimentTable, max: number): PageSection {
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

/**
 * The whole page; `curves` holds the chosen experiments' lines.
 * @example
 * ```ts
 * import { renderExperimentsPage } from "./report.ts";
 * const table = {
 *   paramColumns: ["p.x"],
 *   metricColumns: ["score"],
 *   rows: [{ name: "a", status: "done", baseCommit: null, queuedAt: "-", params: { "p.x": 2 }, metrics: { score: 2 } }],
 * };
 * const page = renderExperimentsPage(table, [], ["a"], { generatedAt: "2026-01-01T00:00:00Z" });
 * if (!page.includes("<svg")) throw new Error("expected a chart");
 * ```
 */
export function renderExperimentsPage(
  table: ExperimentTable,
  curves: ExperimentCurves[],
  chosen: string[],
  options: ExperimentsPageOptions,
): string {
  return renderPage({
    title: "Experiments",
    subtitle: `${table.rows.length} experiment${table.rows.length === 1 ? "" : "s"}`,
    lineage: {
      generatedAt: options.generatedAt,
      ...(options.gitCommit ? { gitCommit: options.gitCommit } : {}),
    },
    sections: [
      tableSection(table),
      barsSection(table),
      curvesSection(curves, chosen),
      scatterSection(table, options.maxScatter ?? 12),
    ],
  });
}
