/**
 * `deno task drift`: compares a window of traffic with the training split and writes the
 * drift site (reports/drift/). The window is a file (`--current`) or a time range of the
 * inference log (`--from`/`--to`, default the last 7 days), exported to parquet first.
 * Thresholds come from the `drift` params section of pipeline.yaml (defaults when absent).
 */
import { join } from "node:path";
import { parseArgs, UsageError } from "./args.ts";
import { runEntry } from "./entry.ts";
import { gitState } from "../git/state.ts";
import { renderTable } from "./table.ts";
import { DRIFT_DEFAULTS, type DriftReport, runDrift } from "../drift/mod.ts";
import { exportWindow } from "../inference_log/mod.ts";
import { DriftThresholds } from "../drift/stats/mod.ts";
import { loadParamsSection } from "../stage/params.ts";
import { createProgressReporter } from "../progress/mod.ts";

/** Usage text of `drift`. */
export const DRIFT_USAGE =
  `Usage: deno task drift [--current FILE | --from TIME --to TIME] [options]
  --current FILE       parquet or CSV of application rows (or an inference-log export;
                       default: the inference log's window below)
  --from, --to TIME    a window of the inference log (ISO times; default the last 7 days)
  --log FILE           SQLite inference log (default data/inference_log/log.db;
                       env DATABASE_URL selects PostgreSQL)
  --out DIR            site folder (default ${DRIFT_DEFAULTS.outDir})
  --history FILE       history kept across runs (default ${DRIFT_DEFAULTS.historyPath})
  --reference FILE     training split (default ${DRIFT_DEFAULTS.referencePath}); the production
                       version's reference sketch stands in for it when it is that file
  --registry DIR       model registry (default ${DRIFT_DEFAULTS.registry})
  --json               print the report as JSON (default: a summary table)
  -h, --help           print this help
Thresholds: the drift section of pipeline.yaml (defaults when absent).
Exit code 0 whatever the verdict; 1 on an error, 2 on a usage error.`;

const DAY_MS = 86_400_000;
const SHOWN = 15;

/** Runs the drift command; returns the exit code. */
export async function main(args: string[], now: Date = new Date()): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(DRIFT_USAGE);
    return 0;
  }
  const flags = parseArgs("drift", args, {
    booleans: ["json"],
    strings: ["current", "from", "to", "log", "out", "history", "reference", "registry"],
  });
  if (flags.positional.length > 0) {
    throw new UsageError(`Unexpected argument for drift: ${flags.positional[0]}`);
  }
  const current = flags.strings.get("current");
  if (current !== undefined && (flags.strings.has("from") || flags.strings.has("to"))) {
    throw new UsageError("Flags --current and --from/--to cannot be combined");
  }
  const thresholds = await loadParamsSection("drift", DriftThresholds);
  const window = current ?? await exportLogWindow(flags.strings, now);
  const progress = createProgressReporter("drift");
  const report = await runDrift({
    window,
    thresholds,
    onProgress: progress.update,
    now,
    gitCommit: (await gitState()).commit ?? undefined,
    ...pick(flags.strings, {
      outDir: "out",
      historyPath: "history",
      referencePath: "reference",
      registry: "registry",
    }),
  }).catch((error) => {
    progress.stop("failed");
    throw error;
  });
  progress.finish();
  console.log(flags.booleans.has("json") ? JSON.stringify(report, null, 2) : summary(report));
  return 0;
}

/** Where the reference came from, when a version's sketch was used or could not be. */
function referenceNote(report: DriftReport): string {
  const reference = report.reference;
  if (reference?.from === "sketch") return ` (${report.modelVersion}'s reference sketch)`;
  return reference?.fallback === undefined ? "" : ` (the split: ${reference.fallback})`;
}

async function exportLogWindow(strings: Map<string, string>, now: Date): Promise<string> {
  const to = parseTime(strings.get("to"), "--to") ?? now;
  const from = parseTime(strings.get("from"), "--from") ?? new Date(to.getTime() - 7 * DAY_MS);
  const outPath = join("data", "drift", "window.parquet");
  const databaseUrl = Deno.env.get("DATABASE_URL");
  const { rows } = await exportWindow({
    from,
    to,
    outPath,
    ...(databaseUrl ? { databaseUrl } : { sqlitePath: strings.get("log") }),
  });
  console.error(`exported ${rows} logged rows from ${from.toISOString()} to ${to.toISOString()}`);
  return outPath;
}

function parseTime(value: string | undefined, flag: string): Date | undefined {
  if (value === undefined) return undefined;
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) {
    throw new UsageError(`Flag ${flag} needs an ISO time: ${value}`);
  }
  return time;
}

function pick(strings: Map<string, string>, names: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, flag] of Object.entries(names)) {
    const value = strings.get(flag);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** The verdict and the most drifted features as plain text. */
export function summary(report: DriftReport): string {
  const d = report.dataset;
  const fmt = (v: number | undefined) =>
    v === undefined || !Number.isFinite(v) ? "-" : v.toFixed(4);
  const rows = report.features.slice(0, SHOWN).map((f) => [
    f.name,
    f.status,
    fmt(f.psi),
    fmt(f.missing.change),
    f.reasons.join("; "),
  ]);
  if (report.prediction) {
    const p = report.prediction;
    rows.unshift(["score", p.status, fmt(p.psi), fmt(p.missing.change), p.reasons.join("; ")]);
  }
  const verdict = d.smallWindow
    ? `window too small to judge (${report.window.rows} rows < min_rows ${report.thresholds.min_rows})`
    : `${d.drifted}/${d.judged} features drifted (share ${
      fmt(d.share)
    }, threshold ${d.threshold}): ` +
      (d.datasetDrifted ? "dataset DRIFTED" : "dataset not drifted");
  return [
    `drift: ${report.window.rows} rows from ${report.window.source} vs ${report.referenceRows} reference rows` +
    referenceNote(report),
    verdict,
    renderTable(["feature", "status", "psi", "missing Δ", "reasons"], rows, [2, 3]),
  ].join("\n");
}

if (import.meta.main) await runEntry(main);
