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
 * ```ts
 * import { appendHistory } from "./history.ts";
 * import { compareWindows } from "./stats/mod.ts";
 * const column = Float64Array.from({ length: 100 }, (_, i) => i);
 * const report = compareWindows(
 *   {
 *     features: [{ name: "a", type: "numeric", source: "a", description: "a" }],
 *     reference: [column],
 *     current: [column],
 *   },
 *   { source: "window.parquet", rows: 100 },
 *   { generatedAt: "2026-01-01T00:00:00Z" },
 * );
 * const dir = await Deno.makeTempDir();
 * const history = await appendHistory(`${dir}/drift/history.json`, report);
 * await Deno.remove(dir, { recursive: true });
 * if (history.runs.length !== 1) throw new Error("expected one run");
 * ```
 */
export async function appendHistory(path: string, report: DriftReport): Promise<DriftHistory> {
  const history = await readHistory(path);
  history.runs.push(historyEntry(report));
  await Deno.mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, JSON.stringify(history, null, 2) + "\n");
  return history;
}
