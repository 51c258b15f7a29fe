/**
 * The drift history's entries: one per drift run (PSI of every judged feature, the score
 * PSI, the dataset verdict), derived from its report; lib/drift/history.ts keeps the file.
 */
import type { DriftReport } from "./compare.ts";

/** One past drift run. */
export interface HistoryEntry {
  generatedAt: string;
  window: DriftReport["window"];
  modelVersion?: string;
  datasetDrifted: boolean;
  driftedShare: number | null;
  scorePsi: number | null;
  /** PSI per judged feature (null when the window could not be judged). */
  psi: Record<string, number | null>;
}

/** data/drift/history.json */
export interface DriftHistory {
  formatVersion: 1;
  runs: HistoryEntry[];
}

/** The history entry of a report. */
export function historyEntry(report: DriftReport): HistoryEntry {
  const finite = (v: number | undefined) => v !== undefined && Number.isFinite(v) ? v : null;
  return {
    generatedAt: report.generatedAt,
    window: report.window,
    ...(report.modelVersion ? { modelVersion: report.modelVersion } : {}),
    datasetDrifted: report.dataset.datasetDrifted,
    driftedShare: finite(report.dataset.share),
    scorePsi: finite(report.prediction?.psi),
    psi: Object.fromEntries(report.features.map((f) => [f.name, finite(f.psi)])),
  };
}
