/**
 * `plots:` in pipeline.yaml: the curves `plots show|diff` draw, each a named mapping that
 * points at rows in a data file an out holds (DVC's top-level plots). A template (roc,
 * pr, calibration, gains) supplies the x and y fields, labels and reference lines;
 * `linear` (the default) needs both fields named.
 */
import { z } from "zod";
import type { PipelineProblem } from "./errors.ts";
import { normaliseRepoPath } from "./repo_path.ts";
import { describeValue, parseField } from "./schema.ts";

/** Plot templates and what each draws by default. */
export const PLOT_TEMPLATES = {
  linear: { x: undefined, y: undefined, xLabel: undefined, yLabel: undefined },
  roc: { x: "fpr", y: "tpr", xLabel: "False positive rate", yLabel: "True positive rate" },
  pr: { x: "recall", y: "precision", xLabel: "Recall", yLabel: "Precision" },
  calibration: {
    x: "meanPredicted",
    y: "observedRate",
    xLabel: "Mean predicted default probability",
    yLabel: "Observed default rate",
  },
  gains: {
    x: "group",
    y: "cumulativeCapture",
    xLabel: "Score group (riskiest first)",
    yLabel: "Cumulative share of defaults captured",
  },
} as const;

/** A template's name. */
export type PlotTemplate = keyof typeof PLOT_TEMPLATES;

/** Fields of a plot declaration. */
export const PLOT_FIELDS = [
  "file",
  "data",
  "template",
  "x",
  "y",
  "series",
  "title",
  "x_label",
  "y_label",
] as const;

const field = z.string().min(1);

/** One plot as pipeline.yaml declares it. */
export const PlotDeclaration = z.strictObject({
  file: field,
  data: field.optional(),
  template: z.enum(Object.keys(PLOT_TEMPLATES) as [PlotTemplate, ...PlotTemplate[]], {
    error: `expected one of ${Object.keys(PLOT_TEMPLATES).join(", ")}`,
  }).optional(),
  x: field.optional(),
  y: field.optional(),
  series: field.optional(),
  title: z.string().optional(),
  x_label: z.string().optional(),
  y_label: z.string().optional(),
});

/** A validated plot, its template's defaults filled in. */
export interface PlotSpec {
  name: string;
  /** Repo-relative JSON file holding the rows. */
  file: string;
  /** Dotted key of the list of rows inside the file; the whole file when absent. */
  data?: string;
  template: PlotTemplate;
  x: string;
  y: string;
  /** A row field that splits one revision's rows into several lines (e.g. the model). */
  series?: string;
  title: string;
  xLabel: string;
  yLabel: string;
}

/** Plot names usable on the command line and as HTML anchors. */
const PLOT_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;

/**
 * Validates the `plots:` mapping; `isData(path)` says whether a file is an out of some
 * stage (or inside one) or exists. Problems name the plot (`plots.roc.template`) and the rule.
 * @example
 * ```ts
 * import { readPlots } from "./plots.ts";
 * const { plots, problems } = readPlots(
 *   { roc: { file: "reports/tables.json", data: "roc", template: "roc" } },
 *   () => true,
 * );
 * if (problems.length > 0 || plots[0].x !== "fpr") throw new Error(JSON.stringify(problems));
 * ```
 */
export function readPlots(
  raw: unknown,
  isData: (path: string) => boolean,
): { plots: PlotSpec[]; problems: PipelineProblem[] } {
  if (raw === undefined || raw === null) return { plots: [], problems: [] };
  if (typeof raw !== "object" || Array.isArray(raw)) {
    return {
      plots: [],
      problems: [{
        field: "plots",
        rule: "wrong_type",
        detail: `expected a mapping of plot names to plots, received ${describeValue(raw)}`,
      }],
    };
  }
  const plots: PlotSpec[] = [];
  const problems: PipelineProblem[] = [];
  for (const [name, value] of Object.entries(raw)) {
    const where = `plots.${name}`;
    if (!PLOT_NAME.test(name)) {
      problems.push({
        field: where,
        rule: "bad_plot",
        detail: "a plot name holds letters, digits, _, . and - only",
      });
      continue;
    }
    const parsed = parseField(PlotDeclaration, value, { field: where, allowedKeys: PLOT_FIELDS });
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      continue;
    }
    const plot = parsed.value;
    const template = plot.template ?? "linear";
    const defaults = PLOT_TEMPLATES[template];
    const x = plot.x ?? defaults.x;
    const y = plot.y ?? defaults.y;
    for (const [axis, value] of [["x", x], ["y", y]] as const) {
      if (value === undefined) {
        problems.push({
          field: where,
          at: `${where}.${axis}`,
          rule: "bad_plot",
          detail: `template "${template}" has no default ${axis} field: name one`,
        });
      }
    }
    const file = normaliseRepoPath(plot.file);
    if ("problem" in file) {
      problems.push({ field: where, at: `${where}.file`, rule: "bad_path", detail: file.problem });
    } else if (!isData(file.path)) {
      problems.push({
        field: where,
        at: `${where}.file`,
        rule: "bad_path",
        detail: `file "${file.path}" is not an out of any stage and does not exist`,
      });
    }
    if (x === undefined || y === undefined || "problem" in file) continue;
    plots.push({
      name,
      file: file.path,
      ...(plot.data === undefined ? {} : { data: plot.data }),
      template,
      x,
      y,
      ...(plot.series === undefined ? {} : { series: plot.series }),
      title: plot.title ?? name,
      xLabel: plot.x_label ?? defaults.xLabel ?? x,
      yLabel: plot.y_label ?? defaults.yLabel ?? y,
    });
  }
  return { plots, problems };
}
