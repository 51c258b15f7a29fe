/** The points of one declared plot in one revision's data file, split into its series. */
import type { PlotSpec } from "../spec/plots.ts";

/** One line of a plot: a revision's rows (or one series value of them). */
export interface PlotSeries {
  /** The legend entry: the revision, the series value, or both (`HEAD: GBDT`). */
  name: string;
  /** The revision the data came from ("workspace" for the work tree). */
  revision: string;
  /** The `series` field's value, when the plot names one. */
  group?: string;
  x: number[];
  y: number[];
}

/** A plot whose data cannot be read: the message names the plot, the file and the revision. */
export class PlotDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PlotDataError";
  }
}

function rowsAt(document: unknown, key: string | undefined): unknown {
  if (key === undefined) return document;
  let node = document;
  for (const part of key.split(".")) {
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, part)) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * Reads a plot's rows from a data file's bytes as series: one per revision, or one per
 * value of the plot's `series` field. A row whose x or y is null is skipped; any other
 * value that is not a finite number is an error naming the row and field.
 * @example
 * ```ts
 * import { plotSeries } from "./rows.ts";
 * const plot = {
 *   name: "roc", file: "t.json", data: "roc", template: "roc" as const, x: "fpr", y: "tpr",
 *   title: "ROC", xLabel: "FPR", yLabel: "TPR",
 * };
 * const bytes = new TextEncoder().encode('{"roc": [{"fpr": 0, "tpr": 0}, {"fpr": 1, "tpr": 1}]}');
 * const [line] = plotSeries(plot, bytes, "HEAD", { label: "revision" });
 * if (line.name !== "HEAD" || line.y[1] !== 1) throw new Error(JSON.stringify(line));
 * ```
 */
export function plotSeries(
  plot: PlotSpec,
  bytes: Uint8Array,
  revision: string,
  options: { label: "revision" | "series" | "both" },
): PlotSeries[] {
  const where = `Cannot read plot "${plot.name}" from "${plot.file}" at ${revision}`;
  let document: unknown;
  try {
    document = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new PlotDataError(`${where}: not valid JSON: ${(error as Error).message}`);
  }
  const rows = rowsAt(document, plot.data);
  const key = plot.data === undefined ? "the file" : `key "${plot.data}"`;
  if (rows === undefined) throw new PlotDataError(`${where}: ${key} is not in the file`);
  if (!Array.isArray(rows)) throw new PlotDataError(`${where}: ${key} is not a list of rows`);
  const byGroup = new Map<string, PlotSeries>();
  rows.forEach((row, i) => {
    if (typeof row !== "object" || row === null || Array.isArray(row)) {
      throw new PlotDataError(`${where}: row ${i} is not an object`);
    }
    const record = row as Record<string, unknown>;
    const [x, y] = [record[plot.x], record[plot.y]];
    if (x === null || y === null) return;
    for (const [field, value] of [[plot.x, x], [plot.y, y]] as const) {
      if (typeof value !== "number" || !Number.isFinite(value)) {
        throw new PlotDataError(
          `${where}: row ${i} field "${field}" must be a finite number, received ${
            value === undefined ? "nothing" : JSON.stringify(value)
          }`,
        );
      }
    }
    const group = plot.series === undefined ? undefined : String(record[plot.series] ?? "–");
    const name = group === undefined || options.label === "revision"
      ? revision
      : options.label === "series"
      ? group
      : `${revision}: ${group}`;
    let line = byGroup.get(name);
    if (line === undefined) {
      line = { name, revision, ...(group === undefined ? {} : { group }), x: [], y: [] };
      byGroup.set(name, line);
    }
    line.x.push(x as number);
    line.y.push(y as number);
  });
  return [...byGroup.values()];
}
