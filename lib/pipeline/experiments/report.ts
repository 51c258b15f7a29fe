/**
 * The tracking page (`exp report`, reports/experiments/index.html): the `exp show` table,
 * a bar chart per metric (one bar an experiment), the ROC and PR curves of the chosen
 * experiments overlaid, and each changed param against each metric. Static HTML with
 * inline SVG (Observable Plot via lib/report), offline.
 */
import {
  barsPlot,
  curvesPlot,
  figure,
  type PageSection,
  paragraph,
  renderPage,
  renderPlot,
} from "../../report/mod.ts";
import type { ExperimentCurves } from "./report_curves.ts";
import { paramsSection } from "./report_params.ts";
import { tableSection } from "./report_table.ts";
import type { ExperimentTable } from "./table.ts";

/** Options of {@link renderExperimentsPage}. */
export interface ExperimentsPageOptions {
  generatedAt: string;
  gitCommit?: string;
  /** Param × metric charts drawn at most (default 12); the rest are named. */
  maxScatter?: number;
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
  // A credit pipeline's metric files flatten to hundreds of keys, most equal in every
  // experiment: the page compares the ones that differ (all of them for one experiment).
  const metricColumns = table.rows.length < 2
    ? table.metricColumns
    : table.metricColumns.filter((key) => {
      const cells = table.rows.map((row) => JSON.stringify(row.metrics[key] ?? null));
      return cells.some((cell) => cell !== cells[0]);
    });
  const hidden = table.metricColumns.length - metricColumns.length;
  const compared = { ...table, metricColumns };
  const equal = hidden === 0
    ? ""
    : `; ${hidden} metric${hidden === 1 ? "" : "s"} equal in every experiment left out`;
  return renderPage({
    title: "Experiments",
    subtitle: `${table.rows.length} experiment${table.rows.length === 1 ? "" : "s"}${equal}`,
    lineage: {
      generatedAt: options.generatedAt,
      ...(options.gitCommit ? { gitCommit: options.gitCommit } : {}),
    },
    sections: [
      tableSection(compared),
      barsSection(compared),
      curvesSection(curves, chosen),
      paramsSection(compared, options.maxScatter ?? 12),
    ],
  });
}
