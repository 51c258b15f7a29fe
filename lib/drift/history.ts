/**
 * The drift history: one entry per drift run (PSI of every judged feature, the score
 * PSI, the dataset verdict), kept in data/drift/history.json across runs.
 */
import { dirname } from "node:path";
import { writeFileAtomic } from "../pipeline/store/atomic.ts";
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

/** Reads the history (empty when the file does not exist yet). */
export async function readHistory(path: string): Promise<DriftHistory> {
  let text: string;
  try {
    text = await Deno.readTextFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return { formatVersion: 1, runs: [] };
    throw error;
  }
  const parsed = JSON.parse(text) as DriftHistory;
  if (parsed?.formatVersion !== 1 || !Array.isArray(parsed.runs)) {
    throw new TypeError(`Cannot read drift history "${path}": not a formatVersion 1 history`);
  }
  return parsed;
}

/**
 * Appends a report to the history file (written atomically) and returns the new history.
 * @example
 * const history = await appendHistory("data/drift/history.json", report);
 */
export async function appendHistory(path: string, report: DriftReport): Promise<DriftHistory> {
  const history = await readHistory(path);
  history.runs.push(historyEntry(report));
  await Deno.mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, JSON.stringify(history, null, 2) + "\n");
  return history;
}
