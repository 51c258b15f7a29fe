/**
 * A realised-performance run: reads the labelled predictions of every window from the
 * outcome store, splits them by the version that scored them, judges each version's
 * window against its registered metrics, and returns the report (performance.json).
 */
import type { LabelledRows } from "../../inference_log/mod.ts";
import {
  evaluateWindow,
  type TrainingMetrics,
  trainingMetrics,
  type WindowPerformance,
} from "./evaluate.ts";
import type { PerformanceParams } from "./params.ts";
import { performanceWindows } from "./windows.ts";

/** performance.json: every version's windows, oldest first, and the latest judged one. */
export interface PerformanceReport {
  generatedAt: string;
  params: PerformanceParams;
  /** Every version's windows (versions in name order, each oldest first). */
  windows: WindowPerformance[];
  /** Per version, its latest window with a realised AUC (absent: none yet). */
  latest: Record<string, WindowPerformance>;
  /** Versions whose latest judged window decayed. */
  decayed: string[];
}

/** What a run needs. */
export interface PerformanceRunInput {
  /** Reads the labelled predictions scored in [from, to). */
  labelled(from: Date, to: Date): Promise<LabelledRows>;
  /** A version's registered metrics; undefined when the registry lacks it. */
  versionMetrics(version: string): Promise<Record<string, number> | undefined>;
  params: PerformanceParams;
  now: Date;
}

/** Runs the realised-performance evaluation. */
export async function runPerformance(input: PerformanceRunInput): Promise<PerformanceReport> {
  const windows = performanceWindows(input.now, input.params);
  const rows = await input.labelled(
    new Date(windows[0].from),
    new Date(windows[windows.length - 1].to),
  );
  const versions = [...new Set(rows.modelVersion)].sort();
  const training = new Map<string, TrainingMetrics>();
  for (const version of versions) {
    training.set(version, trainingMetrics(await input.versionMetrics(version)));
  }
  const judged: WindowPerformance[] = [];
  for (const version of versions) {
    let start = 0;
    for (const w of windows) {
      const index: number[] = [];
      // Rows come oldest first: each window continues where the last one ended.
      while (start < rows.time.length && rows.time[start] < w.to) {
        if (rows.time[start] >= w.from && rows.modelVersion[start] === version) index.push(start);
        start++;
      }
      judged.push(evaluateWindow(
        {
          version,
          from: w.from,
          to: w.to,
          scores: Float64Array.from(index, (i) => rows.score[i]),
          outcomes: Uint8Array.from(index, (i) => rows.outcome[i]),
          tiers: index.map((i) => rows.tier[i]),
        },
        training.get(version)!,
        input.params,
      ));
    }
  }
  const latest: Record<string, WindowPerformance> = {};
  for (const w of judged) if (w.auc !== null) latest[w.version] = w;
  return {
    generatedAt: input.now.toISOString(),
    params: input.params,
    windows: judged,
    latest,
    decayed: Object.values(latest).filter((w) => w.status === "decayed").map((w) => w.version),
  };
}
