/**
 * `exp show [--sort-by COL] [--sort-order asc|desc] [--all] [--json|--csv|--md]` and
 * `exp diff A B [--all] [--json]`: experiments side by side, like DVC's tables. The first
 * `exp show` row is the work tree itself. A table shows the metric columns whose values
 * differ between its rows (a credit pipeline's metric files flatten to hundreds of keys,
 * most of them equal across experiments); `--all` shows every one, `--json` always does.
 */
import { isMeasurement, metricPaths, readMetrics } from "../pipeline/metrics.ts";
import { ExperimentError } from "../pipeline/experiments/errors.ts";
import { diffExperiments } from "../pipeline/experiments/diff.ts";
import {
  buildExperimentTable,
  type ExperimentRow,
  type ExperimentTable,
  sortExperimentTable,
} from "../pipeline/experiments/table.ts";
import { loadView, loadViews } from "../pipeline/experiments/views.ts";
import { flattenKeys, formatValue } from "../pipeline/spec/flatten.ts";
import { loadPipeline } from "../pipeline/spec/load.ts";
import { parseArgs, UsageError } from "./args.ts";
import { renderTable } from "./table.ts";

/** Runs `exp show` or `exp diff`. */
export async function main(sub: "show" | "diff", args: string[], root: string): Promise<number> {
  return sub === "show" ? await show(args, root) : await diff(args, root);
}

async function workspaceRow(root: string, table: ExperimentTable): Promise<ExperimentRow> {
  const spec = await loadPipeline(root);
  const params = flattenKeys(spec.params);
  const metrics: Record<string, unknown> = {};
  for (const file of await readMetrics(root, metricPaths(spec))) {
    if ("error" in file) continue;
    for (const [key, value] of Object.entries(file.metrics)) {
      if (!isMeasurement(value)) continue;
      const column = table.metricColumns.includes(key) ? key : `${file.path}:${key}`;
      if (table.metricColumns.includes(column)) metrics[column] = value;
    }
  }
  return {
    name: "workspace",
    status: "-",
    baseCommit: null,
    queuedAt: "-",
    params: Object.fromEntries(table.paramColumns.map((key) => [key, params[key]])),
    metrics,
  };
}

async function show(args: string[], root: string): Promise<number> {
  const parsed = parseArgs("exp show", args, {
    booleans: ["json", "csv", "md", "all"],
    strings: ["sort-by", "sort-order"],
  });
  const formats = ["json", "csv", "md"].filter((f) => parsed.booleans.has(f));
  if (formats.length > 1) {
    throw new UsageError(`Pass one of --json, --csv, --md: got ${formats.join(", ")}`);
  }
  const order = parsed.strings.get("sort-order") ?? "asc";
  if (order !== "asc" && order !== "desc") {
    throw new UsageError(`Flag --sort-order takes asc or desc: got "${order}"`);
  }
  const base = flattenKeys((await loadPipeline(root)).params);
  let table = buildExperimentTable(await loadViews(root), base);
  const sortBy = parsed.strings.get("sort-by");
  if (sortBy !== undefined) table = sortExperimentTable(table, sortBy, order);
  const rows = [await workspaceRow(root, table), ...table.rows];
  const format = formats[0];
  if (format === "json") {
    console.log(JSON.stringify(rows, null, 2));
    return 0;
  }
  const metricColumns = parsed.booleans.has("all")
    ? table.metricColumns
    : table.metricColumns.filter((key) => differs(rows.map((row) => cell(row.metrics[key]))));
  const hidden = table.metricColumns.length - metricColumns.length;
  const header = ["Experiment", "Status", "Created", ...metricColumns, ...table.paramColumns];
  const cells = rows.map((row) => [
    row.name,
    row.status,
    row.queuedAt,
    ...metricColumns.map((key) => cell(row.metrics[key])),
    ...table.paramColumns.map((key) => cell(row.params[key])),
  ]);
  if (format === "csv") console.log([header, ...cells].map(csvLine).join("\n"));
  else if (format === "md") console.log(markdownTable(header, cells));
  else {
    const numeric = header.map((_, i) => i).filter((i) => i >= 3 && i < 3 + metricColumns.length);
    console.log(renderTable(header, cells, numeric));
  }
  if (hidden > 0 && format === undefined) {
    console.log(`(${hidden} metric columns equal in every row are hidden; --all shows them)`);
  }
  return 0;
}

/** Whether a column's shown cells are not all the same. */
function differs(cells: string[]): boolean {
  return cells.some((c) => c !== cells[0]);
}

function cell(value: unknown): string {
  if (value === undefined) return "-";
  if (typeof value === "number") return String(Number(value.toPrecision(5)));
  return typeof value === "string" ? value : formatValue(value);
}

function csvLine(cells: string[]): string {
  return cells.map((c) => (/[",\n\r]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(",");
}

function markdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replaceAll("|", "\\|")).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

async function diff(args: string[], root: string): Promise<number> {
  const parsed = parseArgs("exp diff", args, { booleans: ["all", "json"] });
  if (parsed.positional.length !== 2) throw new UsageError("exp diff needs two experiment names");
  const records = await Promise.all(parsed.positional.map(async (name) => {
    const { record } = await loadView(root, name);
    if (record?.status !== "done") {
      throw new ExperimentError(
        `Cannot diff experiment "${name}": it is ${record?.status ?? "queued"}, not done`,
      );
    }
    return record;
  }));
  const changes = diffExperiments(records[0], records[1], parsed.booleans.has("all"));
  if (parsed.booleans.has("json")) {
    console.log(JSON.stringify(changes, null, 2));
    return 0;
  }
  if (changes.length === 0) {
    console.log(`No differences between ${parsed.positional[0]} and ${parsed.positional[1]}`);
    return 0;
  }
  const [a, b] = parsed.positional;
  for (const kind of ["param", "metric"] as const) {
    const rows = changes.filter((c) => c.kind === kind).map((c) => [
      c.path,
      c.key,
      cell(c.a),
      cell(c.b),
      c.change === undefined ? "-" : cell(c.change),
    ]);
    if (rows.length === 0) continue;
    console.log(renderTable(["Path", kind === "param" ? "Param" : "Metric", a, b, "Change"], rows));
    console.log("");
  }
  return 0;
}
