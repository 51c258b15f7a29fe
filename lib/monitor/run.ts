/**
 * One monitor run: a drift run of the window (input drift, prediction drift, outlier rate;
 * it also refreshes the drift site), realised performance from the outcome store when
 * there is one, the checks against `monitor.*`, then status.json and the monitor page.
 */
import { join } from "node:path";
import { type DriftRunOptions, runDrift } from "../drift/mod.ts";
import { type PerformanceRunInput, runPerformance } from "../drift/performance/mod.ts";
import { writeFileAtomic } from "../pipeline/store/atomic.ts";
import { judgeWindow } from "./checks.ts";
import { renderMonitorPage } from "./page.ts";
import type { MonitorParams } from "./params.ts";
import { MonitorStatus } from "./status.ts";

/** Options of {@link runMonitor}. */
export interface MonitorRunOptions {
  /** The drift run of the window (its thresholds are the `drift` section's). */
  drift: DriftRunOptions;
  /** The outcome store's reads; absent: the realised AUC check is skipped. */
  outcomes?: Pick<PerformanceRunInput, "labelled" | "versionMetrics">;
  params: MonitorParams;
  /** Folder of status.json and index.html (default reports/monitor). */
  outDir?: string;
  now?: Date;
  gitCommit?: string;
}

/** Runs every check of the window and writes status.json and index.html; returns the status. */
export async function runMonitor(options: MonitorRunOptions): Promise<MonitorStatus> {
  const now = options.now ?? new Date();
  const outDir = options.outDir ?? "reports/monitor";
  const drift = await runDrift({ now, gitCommit: options.gitCommit, ...options.drift });
  const performance = options.outcomes === undefined ? undefined : await runPerformance({
    ...options.outcomes,
    params: options.params.performance,
    now,
  });
  const checks = judgeWindow({ drift, performance }, options.params);
  const w = drift.window;
  const status = MonitorStatus.parse({
    formatVersion: 1,
    generatedAt: now.toISOString(),
    status: checks.some((c) => c.status === "alert") ? "alert" : "ok",
    ...(drift.modelVersion === undefined ? {} : { modelVersion: drift.modelVersion }),
    window: { source: w.source, rows: w.rows, ...(w.from ? { from: w.from, to: w.to } : {}) },
    checks,
  });
  await Deno.mkdir(outDir, { recursive: true });
  await writeFileAtomic(join(outDir, "status.json"), JSON.stringify(status, null, 2) + "\n");
  const page = renderMonitorPage(status, {
    modelVersion: drift.modelVersion,
    params: { monitor: options.params },
    gitCommit: options.gitCommit,
    generatedAt: status.generatedAt,
  });
  await writeFileAtomic(join(outDir, "index.html"), page);
  return status;
}
