/**
 * The ROC and PR curves of experiments, for the tracking page: each done experiment's
 * data file read by the hash its recorded lock holds (the cache, through
 * lib/pipeline/revision_out.ts), one line per experiment.
 */
import type { Revision } from "../revision.ts";
import { openRevisionOuts } from "../revision_out.ts";
import { LOCK_FILE, serializeLock } from "../store/lock.ts";
import type { PlotSpec } from "../spec/plots.ts";
import { PlotDataError, type PlotSeries, plotSeries } from "../plots/rows.ts";
import type { ExperimentRecord } from "./record.ts";

/** What the curves need of an experiment: a done one's lock; others are listed as missing. */
export type CurveSource = Pick<ExperimentRecord, "name" | "status" | "lock" | "baseCommit">;

/** One curve plot across experiments: a line each, and why the others have none. */
export interface ExperimentCurves {
  plot: PlotSpec;
  series: PlotSeries[];
  /** Experiments without this curve, and why (plain text). */
  missing: { name: string; reason: string }[];
}

/** The plots the tracking page overlays: those pipeline.yaml declares with the roc or pr template. */
export function curvePlots(plots: readonly PlotSpec[] | undefined): PlotSpec[] {
  return (plots ?? []).filter((p) => p.template === "roc" || p.template === "pr");
}

/** A revision whose only file is the experiment's lock, so outs come from the cache. */
function lockRevision(record: CurveSource): Revision {
  const lockText = record.lock === undefined ? undefined : serializeLock(record.lock);
  return {
    name: record.name,
    commit: record.baseCommit ?? "",
    readFile: () => Promise.resolve(undefined),
    readText: (path) => Promise.resolve(path === LOCK_FILE ? lockText : undefined),
  };
}

/**
 * The candidate's line when a plot splits rows by a series field (evaluate writes one
 * per model and marks the candidate), else the first series.
 */
export function candidateLine(lines: PlotSeries[], name: string): PlotSeries | undefined {
  const line = lines.find((l) => l.group?.includes("candidate")) ?? lines[0];
  return line === undefined ? undefined : { ...line, name };
}

/**
 * Reads every curve plot for each experiment; an experiment that is not done, whose
 * file the cache lacks, or whose file holds no rows for the plot is listed as missing
 * with the reason.
 */
export async function experimentCurves(
  root: string,
  records: readonly CurveSource[],
  plots: readonly PlotSpec[],
): Promise<ExperimentCurves[]> {
  const readers = new Map<string, Awaited<ReturnType<typeof openRevisionOuts>>>();
  for (const record of records) {
    if (record.status === "done" && record.lock !== undefined) {
      readers.set(record.name, await openRevisionOuts(root, lockRevision(record)));
    }
  }
  const result: ExperimentCurves[] = [];
  for (const plot of plots) {
    const curves: ExperimentCurves = { plot, series: [], missing: [] };
    for (const record of records) {
      const reader = readers.get(record.name);
      if (reader === undefined) {
        curves.missing.push({ name: record.name, reason: `it is ${record.status}, not done` });
        continue;
      }
      const bytes = await reader.read(plot.file);
      if (bytes === undefined) {
        curves.missing.push({
          name: record.name,
          reason: `its lock holds no "${plot.file}" the cache has`,
        });
        continue;
      }
      let lines: PlotSeries[];
      try {
        lines = plotSeries(plot, bytes, record.name, { label: "both" });
      } catch (error) {
        if (!(error instanceof PlotDataError)) throw error;
        curves.missing.push({ name: record.name, reason: error.message });
        continue;
      }
      const line = candidateLine(lines, record.name);
      if (line === undefined) {
        curves.missing.push({
          name: record.name,
          reason: `"${plot.file}" has no ${plot.name} rows`,
        });
      } else curves.series.push(line);
    }
    result.push(curves);
  }
  return result;
}
