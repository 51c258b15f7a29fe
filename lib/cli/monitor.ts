/**
 * `deno task monitor`: judges the latest window (a file, or the last `monitor.window` of
 * the inference log) against the `monitor.*` thresholds; writes reports/monitor/status.json
 * and index.html (and refreshes the drift site). Exit 1 on an alert, 0 when every check is
 * ok or skipped, 2 on bad params or a usage error. `--every` repeats it on a cron schedule.
 * `--retrain` turns an alert into a challenger (lib/monitor/retrain/); exit 3 when that fails.
 */
import { join, resolve } from "node:path";
import { parseArgs, UsageError } from "./args.ts";
import { runEntry } from "./entry.ts";
import { renderTable } from "./table.ts";
import { gitState } from "../git/state.ts";
import { DataParams } from "../data/params.ts";
import { DriftThresholds } from "../drift/stats/mod.ts";
import { durationMs } from "../drift/performance/params.ts";
import { DEFAULT_SQLITE_PATH, exportWindow, openOutcomeStore } from "../inference_log/mod.ts";
import {
  everyToCron,
  monitorExitCode,
  MonitorParams,
  type MonitorStatus,
  runMonitor,
  runOnSchedule,
} from "../monitor/mod.ts";
import {
  PIPELINE_REGISTRY,
  RetrainError,
  type RetrainResult,
  runRetrain,
} from "../monitor/retrain/mod.ts";
import { ParamsError } from "../pipeline/spec/param_issues.ts";
import { loadVersion } from "../registry/mod.ts";
import { loadParamsSection } from "../stage/params.ts";

/** Usage text of `monitor`. */
export const MONITOR_USAGE = `Usage: deno task monitor [--current FILE] [options]
  --current FILE     parquet or CSV window to judge (default: the last monitor.window of
                     the inference log, exported to data/monitor/window.parquet)
  --log FILE         SQLite inference log with its outcomes (default ${DEFAULT_SQLITE_PATH};
                     env DATABASE_URL selects PostgreSQL); no log: realised AUC is skipped
  --out DIR          status.json and index.html (default reports/monitor)
  --drift-out DIR    drift site the run refreshes (default reports/drift)
  --history FILE     drift history (default data/drift/history.json)
  --reference FILE   training split (default data/split/train.parquet); the production
                     version's reference sketch stands in for it when it is that file
  --manifest FILE    the reference's feature manifest (default data/split/manifest.json)
  --registry DIR     model registry (default data/registry)
  --every INTERVAL   run on a schedule: Ns/Nm (N divides 60), Nh (N divides 24) or 1d
  --max-runs N       with --every: stop after N runs
  --retrain          on an alert: add the log's labelled rows of monitor.retrain.window to
                     the data.csv source (data/retrain/<sha256>.csv), run the pipeline on it
                     (repro --set-param data.csv.path=…) and set @challenger to its version
                     (never @champion); needs data.source csv and the log
  --json             print status.json (default: a table)
  -h, --help         print this help
Params: monitor.* in pipeline.yaml (window, max_drift_share, max_prediction_psi,
max_outlier_rate, performance.max_auc_drop, retrain.window, retrain.label_delay,
retrain.min_labelled_rows); drift.* for the drift run.
Exit code 1 on an alert (or an error; with --retrain: an alert, retrained, @challenger set),
0 otherwise (no alert: no retrain), 2 on bad params or a usage error, 3 with --retrain on an
alert whose retrain failed (too few labelled rows, not a csv source, a stage failed, the gate
refused @challenger).`;

/** Runs the monitor command; returns the exit code. */
export async function main(args: string[], clock: () => Date = () => new Date()): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(MONITOR_USAGE);
    return 0;
  }
  const flags = parseArgs("monitor", args, {
    booleans: ["json", "retrain"],
    strings: [
      "current",
      "log",
      "out",
      "drift-out",
      "history",
      "reference",
      "manifest",
      "registry",
      "every",
      "max-runs",
    ],
  });
  if (flags.positional.length > 0) {
    throw new UsageError(`Unexpected argument for monitor: ${flags.positional[0]}`);
  }
  const retrain = flags.booleans.has("retrain");
  const every = flags.strings.get("every");
  const maxRuns = parseMaxRuns(flags.strings.get("max-runs"), every);
  if (every !== undefined) {
    try {
      everyToCron(every);
    } catch (error) {
      throw new UsageError(`Flag --every: ${(error as Error).message}`);
    }
  }
  let params: MonitorParams;
  let thresholds: DriftThresholds;
  let data: DataParams | undefined;
  try {
    params = await loadParamsSection("monitor", MonitorParams);
    thresholds = await loadParamsSection("drift", DriftThresholds);
    if (retrain) data = await loadParamsSection("data", DataParams);
  } catch (error) {
    if (!(error instanceof ParamsError)) throw error;
    console.error(`monitor: ${error.message}`);
    return 2;
  }
  const once = () =>
    monitorOnce(flags.strings, flags.booleans.has("json"), params, thresholds, clock(), data);
  if (every === undefined) return await once();
  console.error(`monitor: every ${every} (cron "${everyToCron(every)}")`);
  const codes = await runOnSchedule(once, {
    every,
    maxRuns,
    onRun: (run, result) => {
      if ("error" in result) {
        const message = result.error instanceof Error ? result.error.message : String(result.error);
        console.error(`monitor: run ${run} failed: ${message}`);
      }
    },
  });
  return codes[codes.length - 1] ?? 0;
}

function parseMaxRuns(text: string | undefined, every: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (every === undefined) throw new UsageError("Flag --max-runs needs --every");
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    throw new UsageError(`Flag --max-runs needs an integer ≥ 1: ${text}`);
  }
  return n;
}

async function monitorOnce(
  strings: Map<string, string>,
  json: boolean,
  params: MonitorParams,
  thresholds: DriftThresholds,
  now: Date,
  retrainData?: DataParams,
): Promise<number> {
  const databaseUrl = Deno.env.get("DATABASE_URL");
  const sqlitePath = strings.get("log") ?? DEFAULT_SQLITE_PATH;
  const window = strings.get("current") ?? await exportLatest(params, now, databaseUrl, sqlitePath);
  const registry = strings.get("registry") ?? "data/registry";
  const store = databaseUrl || await exists(sqlitePath)
    ? await openOutcomeStore(databaseUrl ? { databaseUrl } : { sqlitePath })
    : undefined;
  let status: MonitorStatus;
  try {
    status = await runMonitor({
      drift: {
        window,
        thresholds,
        registry,
        ...optional(strings, {
          outDir: "drift-out",
          historyPath: "history",
          referencePath: "reference",
          manifestPath: "manifest",
        }),
      },
      ...(store
        ? {
          outcomes: {
            labelled: (from: Date, to: Date) => store.labelled(from, to),
            versionMetrics: (version: string) => versionMetrics(registry, version),
          },
        }
        : {}),
      params,
      outDir: strings.get("out"),
      now,
      gitCommit: (await gitState()).commit ?? undefined,
    });
  } finally {
    await store?.close();
  }
  console.log(json ? JSON.stringify(status, null, 2) : summary(status));
  const code = monitorExitCode(status);
  if (retrainData === undefined) return code;
  if (status.status !== "alert") {
    console.error("monitor: no alert, no retrain");
    return code;
  }
  const alerts = status.checks.filter((c) => c.status === "alert").map((c) => c.name);
  if (resolve(registry) !== resolve(PIPELINE_REGISTRY)) {
    console.error(
      `monitor: Cannot retrain: the pipeline registers into ${PIPELINE_REGISTRY}, not --registry ${registry}`,
    );
    return 3;
  }
  if (store === undefined) {
    console.error(
      `monitor: Cannot retrain: no inference log at ${sqlitePath} to take labelled rows from`,
    );
    return 3;
  }
  try {
    const result = await runRetrain({
      root: Deno.cwd(),
      params,
      data: retrainData,
      log: databaseUrl ? { databaseUrl } : { sqlitePath },
      now,
      alerts,
    });
    console.error(retrainSummary(result));
    return code;
  } catch (error) {
    if (!(error instanceof RetrainError || error instanceof ParamsError)) {
      console.error(`monitor: retrain failed: ${(error as Error).message}`);
    } else console.error(`monitor: ${error.message}`);
    return 3;
  }
}

/** What a retrain did, for a person: the source, the version, the alias move, the next step. */
export function retrainSummary(result: RetrainResult): string {
  const ran = result.stages.filter((s) => s.result === "ran" || s.result === "restored")
    .map((s) => `${s.stage} ${s.result}`);
  const challenger = result.challenger.moved
    ? `@challenger moved ${result.challenger.from ?? "(none)"} → ${result.challenger.to}`
    : `@challenger already names ${result.version} (no move)`;
  return [
    `monitor: retrain source ${result.source.path} sha256 ${result.source.sha256} ` +
    `(${result.source.rows} rows: ${result.referenceRows} reference + ${result.counts.taken} labelled` +
    `${result.source.written ? "" : "; the same file as before"})`,
    ran.length === 0
      ? "monitor: pipeline up to date (nothing ran)"
      : `monitor: pipeline ${ran.join(", ")}`,
    result.created
      ? `monitor: registered ${result.version}`
      : `monitor: ${result.version} was registered before from this source (nothing new)`,
    `monitor: ${challenger}; @champion unchanged (${result.champion ?? "none"})`,
    `monitor: next: a person reviews reports/evaluation and promotes: ` +
    `deno task registry promote ${result.version} Production`,
  ].join("\n");
}

async function exportLatest(
  params: MonitorParams,
  now: Date,
  databaseUrl: string | undefined,
  sqlitePath: string,
): Promise<string> {
  const from = new Date(now.getTime() - durationMs(params.window));
  const outPath = join("data", "monitor", "window.parquet");
  await Deno.mkdir(join("data", "monitor"), { recursive: true });
  const { rows } = await exportWindow({
    from,
    to: now,
    outPath,
    ...(databaseUrl ? { databaseUrl } : { sqlitePath }),
  });
  console.error(
    `monitor: exported ${rows} logged rows from ${from.toISOString()} to ${now.toISOString()}`,
  );
  return outPath;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

async function versionMetrics(
  registry: string,
  version: string,
): Promise<Record<string, number> | undefined> {
  try {
    return (await loadVersion(registry, version)).record.metrics;
  } catch {
    return undefined;
  }
}

function optional(
  strings: Map<string, string>,
  names: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, flag] of Object.entries(names)) {
    const value = strings.get(flag);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** The checks as plain text, then the verdict. */
export function summary(status: MonitorStatus): string {
  const fmt = (v: number | null) => v === null ? "-" : v.toFixed(4);
  const table = renderTable(
    ["check", "value", "threshold", "status", "reason"],
    status.checks.map((c) => [c.name, fmt(c.value), fmt(c.threshold), c.status, c.reason ?? ""]),
    [1, 2],
  );
  const alerts = status.checks.filter((c) => c.status === "alert").map((c) => c.name);
  const verdict = alerts.length === 0 ? "monitor: ok" : `monitor: ALERT (${alerts.join(", ")})`;
  return `monitor: ${status.window.rows} rows from ${status.window.source}\n${table}\n${verdict}`;
}

if (import.meta.main) await runEntry(main, { failurePrefix: "monitor: " });
