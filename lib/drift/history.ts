/**
 * The drift history file, data/drift/history.json, kept across runs: read it and append a
 * run's entry (the entry itself is pure, in stats/history_entry.ts).
 */
import { dirname } from "node:path";
import { writeFileAtomic } from "../pipeline/store/atomic.ts";
import { type DriftHistory, type DriftReport, historyEntry } from "./stats/mod.ts";

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
