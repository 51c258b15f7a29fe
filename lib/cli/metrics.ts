/**
 * `metrics show [--json]` and `metrics diff [rev] [--all] [--json]`: the metric outs of
 * pipeline.yaml as they are in the work tree, and against a git revision (default HEAD).
 */
import { formatValue } from "../pipeline/flatten.ts";
import {
  diffMetrics,
  type MetricChange,
  metricPaths,
  type MetricsFile,
  readMetrics,
  readRevisionMetrics,
  revisionMetricPaths,
} from "../pipeline/metrics.ts";
import { openRevision } from "../pipeline/revision.ts";
import { loadPipelineCached } from "../pipeline/load_cached.ts";
import { parseArgs, UsageError } from "./args.ts";
import { renderTable } from "./table.ts";

/** Usage text of the metrics command. */
export const METRICS_USAGE = `Usage: deno task metrics show [--json]
       deno task metrics diff [rev] [--all] [--json]

show   every metric out of pipeline.yaml (JSON files), nested keys flattened with dots
diff   the same against git revision rev (default HEAD): old, new and change; the old
       file comes from the cache by the hash in that revision's pipeline.lock, or from
       git when the file is tracked there

  --all       list unchanged metrics too (diff)
  --json      print JSON instead of a table
  -h, --help  print this help`;

/** Renders metrics files as a path / metric / value table. */
export function renderMetricsTable(files: MetricsFile[]): string {
  const rows: string[][] = [];
  for (const file of files) {
    if (!("metrics" in file)) continue;
    for (const [key, value] of Object.entries(file.metrics)) {
      rows.push([file.path, key, formatValue(value)]);
    }
  }
  return renderTable(["path", "metric", "value"], rows, [2]);
}

function formatChange(change: number | undefined): string {
  if (change === undefined) return "—";
  return change > 0 ? `+${change}` : String(change);
}

/** Renders metric changes as a path / metric / old / new / change table. */
export function renderMetricsDiffTable(changes: MetricChange[], rev: string): string {
  return renderTable(
    ["path", "metric", rev, "workspace", "change"],
    changes.map((change) => [
      change.path,
      change.key,
      formatValue(change.old),
      formatValue(change.new),
      formatChange(change.change),
    ]),
    [2, 3, 4],
  );
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
    aliases: { h: "help" },
  });
  if (parsed.booleans.has("help")) {
    console.log(METRICS_USAGE);
    return 0;
  }
  const [subcommand, ...rest] = parsed.positional;
  const json = parsed.booleans.has("json");
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
    console.log(files.length === 0 ? "No metrics in pipeline.yaml" : renderMetricsTable(files));
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
    const changes = diffMetrics(old, now, { all: parsed.booleans.has("all") });
    warnUnreadable([...old, ...now]);
    if (json) {
      console.log(JSON.stringify({ rev, commit: revision.commit, metrics: changes }, null, 2));
      return 0;
    }
    console.log(
      changes.length === 0
        ? `No metric changes against ${rev}`
        : renderMetricsDiffTable(changes, rev),
    );
    return 0;
  }
  throw new UsageError(
    subcommand === undefined
      ? `Missing subcommand for metrics\n\n${METRICS_USAGE}`
      : `Unknown subcommand for metrics: ${subcommand}\n\n${METRICS_USAGE}`,
  );
}
