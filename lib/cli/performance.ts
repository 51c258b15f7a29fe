/**
 * `deno task performance`: realised performance of the served versions from the outcomes
 * joined to the inference log, per version and window, against each version's metrics at
 * training time; writes performance.json and the performance page into the drift site
 * (reports/drift/), where /metrics reads `riskpipe_realised_auc`. Params: the
 * `monitor.performance` section of pipeline.yaml (defaults when absent).
 */
import { parseArgs, UsageError } from "./args.ts";
import { runEntry } from "./entry.ts";
import { renderTable } from "./table.ts";
import { gitState } from "../git/state.ts";
import { DEFAULT_SQLITE_PATH, openOutcomeStore } from "../inference_log/mod.ts";
import { MonitorParams, type PerformanceReport, runPerformance } from "../drift/performance/mod.ts";
import { writePerformanceSite } from "../drift/site/performance_write.ts";
import { loadVersion } from "../registry/mod.ts";
import { loadParamsSection } from "../stage/params.ts";

/** Usage text of `performance`. */
export const PERFORMANCE_USAGE = `Usage: deno task performance [options]
  --log FILE        SQLite inference log with its outcomes (default ${DEFAULT_SQLITE_PATH};
                    env DATABASE_URL selects PostgreSQL)
  --out DIR         drift site folder the page and performance.json go to (default reports/drift)
  --registry DIR    model registry, for each version's metrics at training time
                    (default data/registry)
  --json            print the report as JSON (default: a summary table)
  -h, --help        print this help
Params: monitor.performance in pipeline.yaml (window, windows, min_labelled_rows, label_delay,
max_auc_drop, calibration_bins; defaults when absent).
Exit code 0 whatever the verdict (decayed versions are listed and exported as gauges); 1 on an
error, 2 on a usage error.`;

/** Runs the performance command; returns the exit code. */
export async function main(args: string[], now: Date = new Date()): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(PERFORMANCE_USAGE);
    return 0;
  }
  const flags = parseArgs("performance", args, {
    booleans: ["json"],
    strings: ["log", "out", "registry"],
  });
  if (flags.positional.length > 0) {
    throw new UsageError(`Unexpected argument for performance: ${flags.positional[0]}`);
  }
  const params = (await loadParamsSection("monitor", MonitorParams)).performance;
  const registry = flags.strings.get("registry") ?? "data/registry";
  const databaseUrl = Deno.env.get("DATABASE_URL");
  const store = await openOutcomeStore(
    databaseUrl ? { databaseUrl } : { sqlitePath: flags.strings.get("log") },
  );
  let report: PerformanceReport;
  try {
    report = await runPerformance({
      labelled: (from, to) => store.labelled(from, to),
      versionMetrics: (version) => versionMetrics(registry, version),
      params,
      now,
    });
  } finally {
    await store.close();
  }
  await writePerformanceSite(flags.strings.get("out") ?? "reports/drift", report, {
    generatedAt: report.generatedAt,
    params: { monitor: { performance: params } },
    gitCommit: (await gitState()).commit ?? undefined,
  });
  console.log(flags.booleans.has("json") ? JSON.stringify(report, null, 2) : summary(report));
  return 0;
}

/** A version's registered metrics; undefined (with a line on stderr) when it cannot be loaded. */
async function versionMetrics(
  registry: string,
  version: string,
): Promise<Record<string, number> | undefined> {
  try {
    return (await loadVersion(registry, version)).record.metrics;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`performance: no training metrics for ${version}: ${message}`);
    return undefined;
  }
}

/** Each version's latest judged window, then the decayed versions, as plain text. */
export function summary(report: PerformanceReport): string {
  const fmt = (v: number | null) => v === null ? "-" : v.toFixed(4);
  const versions = [...new Set(report.windows.map((w) => w.version))];
  if (versions.length === 0) return "performance: no labelled predictions in the windows";
  const rows = versions.map((version) => {
    const w = report.latest[version];
    const labelled = report.windows.filter((x) => x.version === version)
      .reduce((sum, x) => sum + x.rows, 0);
    return w === undefined ? [version, "-", String(labelled), "-", "-", "-", "not judged"] : [
      version,
      w.to.slice(0, 10),
      String(w.rows),
      fmt(w.auc),
      fmt(w.training.auc),
      fmt(w.aucDrop),
      w.status,
    ];
  });
  const table = renderTable(
    ["version", "window end", "labelled", "realised AUC", "test AUC", "drop", "status"],
    rows,
    [2, 3, 4, 5],
  );
  const verdict = report.decayed.length === 0
    ? "no version decayed"
    : `decayed (AUC more than ${report.params.max_auc_drop} below test): ${
      report.decayed.join(", ")
    }`;
  return `${table}\n${verdict}`;
}

if (import.meta.main) await runEntry(main, { failurePrefix: "performance: " });
