/**
 * `metrics show [--all] [--precision N] [--json]` and `metrics diff [rev] [--all]
 * [--precision N] [--json]`: the metric outs of pipeline.yaml as they are in the work
 * tree, and against a git revision (default HEAD), one metric per line as DVC prints them.
 * Tables show numbers (and booleans) rounded to N significant digits; `--all` adds the
 * other values; `--json` prints every value at full precision.
 */
import { formatValue } from "../pipeline/spec/flatten.ts";
import {
  diffMetrics,
  isMeasurement,
  type MetricChange,
  metricPaths,
  type MetricsFile,
  readMetrics,
  readRevisionMetrics,
  revisionMetricPaths,
} from "../pipeline/metrics.ts";
import { openRevision } from "../pipeline/revision.ts";
import { loadPipelineCached } from "../pipeline/run/load_cached.ts";
import { parseArgs, UsageError } from "./args.ts";
import { renderTable } from "./table.ts";

/** Usage text of the metrics command. */
export const METRICS_USAGE = `Usage: deno task metrics show [--all] [--precision N] [--json]
       deno task metrics diff [rev] [--all] [--precision N] [--json]

show   every metric out of pipeline.yaml (JSON files), nested keys flattened with dots
diff   the same against git revision rev (default HEAD): old, new and change; the old
       file comes from the cache by the hash in that revision's pipeline.lock, or from
       git when the file is tracked there

  --all            strings and empty lists too, and unchanged metrics (diff)
  --precision N    significant digits of the numbers in a table (default 5, 1 to 17)
  --json           print JSON at full precision instead of a table
  -h, --help       print this help`;

/** Significant digits of the numbers in metric tables unless `--precision` says otherwise. */
export const DEFAULT_PRECISION = 5;

/** How a metric table is drawn. */
export interface MetricTableOptions {
  /** Significant digits of numbers (integer digits are never dropped). */
  precision?: number;
  /** Include strings, nulls and empty lists, not only numbers and booleans. */
  all?: boolean;
}

/**
 * Formats a number to `precision` significant digits, keeping every integer digit.
 * @example
 * ```ts
 * import { formatSignificant } from "./metrics.ts";
 * const text = formatSignificant(0.000159208544992, 5);
 * if (text !== "0.00015921") throw new Error(`got ${text}`);
 * ```
 */
export function formatSignificant(value: number, precision: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 10 ** precision) return String(Math.round(value));
  return String(Number(value.toPrecision(precision)));
}

function formatMetric(value: unknown, precision: number): string {
  return typeof value === "number" ? formatSignificant(value, precision) : formatValue(value);
}

/** Renders metrics files as a Path / Metric / Value table, one metric per line. */
export function renderMetricsTable(files: MetricsFile[], options: MetricTableOptions = {}): string {
  const precision = options.precision ?? DEFAULT_PRECISION;
  const rows: string[][] = [];
  for (const file of files) {
    if (!("metrics" in file)) continue;
    for (const [key, value] of Object.entries(file.metrics)) {
      if (options.all || isMeasurement(value)) {
        rows.push([file.path, key, formatMetric(value, precision)]);
      }
    }
  }
  return renderTable(["Path", "Metric", "Value"], rows, [2]);
}

function formatChange(change: number | undefined, precision: number): string {
  if (change === undefined) return "—";
  const text = formatSignificant(change, precision);
  return change > 0 ? `+${text}` : text;
}

/** The changes a table shows: without `all`, those with a number or boolean on either side. */
export function shownChanges(changes: MetricChange[], all = false): MetricChange[] {
  return all ? changes : changes.filter((c) => isMeasurement(c.old) || isMeasurement(c.new));
}

/** Renders metric changes as a Path / Metric / rev / workspace / Change table. */
export function renderMetricsDiffTable(
  changes: MetricChange[],
  rev: string,
  options: { precision?: number } = {},
): string {
  const precision = options.precision ?? DEFAULT_PRECISION;
  return renderTable(
    ["Path", "Metric", rev, "workspace", "Change"],
    changes.map((change) => [
      change.path,
      change.key,
      formatMetric(change.old, precision),
      formatMetric(change.new, precision),
      formatChange(change.change, precision),
    ]),
    [2, 3, 4],
  );
}

function parsePrecision(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PRECISION;
  const digits = Number(text);
  if (!/^[0-9]+$/.test(text) || digits < 1 || digits > 17) {
    throw new UsageError(`Flag --precision needs an integer from 1 to 17: got "${text}"`);
  }
  return digits;
}

function warnUnreadable(files: MetricsFile[]): void {
  for (const file of files) {
    if ("error" in file) console.error(`Cannot read metrics "${file.path}": ${file.error}`);
  }
}

/** Runs `metrics <args…>` in the repo at root; returns the exit code. */
export async function main(args: string[], root: string): Promise<number> {
  const parsed = parseArgs("metrics", args, {
    booleans: ["all", "json", "help"],
    strings: ["precision"],
    aliases: { h: "help" },
  });
  if (parsed.booleans.has("help")) {
    console.log(METRICS_USAGE);
    return 0;
  }
  const [subcommand, ...rest] = parsed.positional;
  const json = parsed.booleans.has("json");
  const all = parsed.booleans.has("all");
  const precision = parsePrecision(parsed.strings.get("precision"));
  if (subcommand === "show") {
    if (rest.length > 0) {
      throw new UsageError(`Too many arguments for metrics show: ${rest.join(" ")}`);
    }
    const files = await readMetrics(root, metricPaths(await loadPipelineCached(root)));
    if (json) {
      console.log(JSON.stringify(files, null, 2));
      return 0;
    }
    warnUnreadable(files);
    console.log(
      files.length === 0
        ? "No metrics in pipeline.yaml"
        : renderMetricsTable(files, { all, precision }),
    );
    return 0;
  }
  if (subcommand === "diff") {
    const [rev = "HEAD", ...extra] = rest;
    if (extra.length > 0) {
      throw new UsageError(`Too many arguments for metrics diff: ${extra.join(" ")}`);
    }
    const revision = await openRevision(root, rev);
    const current = metricPaths(await loadPipelineCached(root));
    const paths = [...new Set([...current, ...await revisionMetricPaths(revision)])];
    const old = await readRevisionMetrics(root, revision, paths);
    const now = await readMetrics(root, paths);
    const changes = diffMetrics(old, now, { all });
    warnUnreadable([...old, ...now]);
    if (json) {
      console.log(JSON.stringify({ rev, commit: revision.commit, metrics: changes }, null, 2));
      return 0;
    }
    const shown = shownChanges(changes, all);
    console.log(
      shown.length === 0
        ? `No metric changes against ${rev}`
        : renderMetricsDiffTable(shown, rev, { precision }),
    );
    return 0;
  }
  throw new UsageError(
    subcommand === undefined
      ? `Missing subcommand for metrics\n\n${METRICS_USAGE}`
      : `Unknown subcommand for metrics: ${subcommand}\n\n${METRICS_USAGE}`,
  );
}
