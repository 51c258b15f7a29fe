/**
 * The queue journal, `.repro/exp/queue.jsonl`: one JSON line per change of an experiment's
 * status, only ever appended (each append one write with O_APPEND, so concurrent writers
 * do not interleave). Folding it gives every experiment's status without opening a record
 * file, which is what keeps `exp queue status` fast with 10,000 entries. Each chunk starts
 * with a newline, so a line torn by a crash is ended by the next append and then skipped.
 */
import { dirname } from "node:path";
import type { ExperimentStatus } from "./record.ts";
import { experimentPaths } from "./paths.ts";

/** What an experiment was queued with: enough to run it without any other file. */
export interface ExperimentDefinition {
  setParams: string[];
  snapshot: string;
  baseCommit: string | null;
}

/** One journal line. */
export type JournalEntry =
  | { op: "queued"; name: string; at: string; attempt: number; def: ExperimentDefinition }
  | { op: "running"; name: string; at: string; attempt: number; pid: number }
  | { op: "done"; name: string; at: string; attempt: number }
  | { op: "failed"; name: string; at: string; attempt: number; error: string }
  | { op: "removed"; name: string; at: string };

/** An experiment as the journal knows it. */
export interface QueueEntry {
  name: string;
  status: ExperimentStatus;
  attempt: number;
  def: ExperimentDefinition;
  queuedAt: string;
  /** When the status last changed. */
  at: string;
  /** The pid that started the running attempt. */
  pid?: number;
  error?: string;
  /** Position of the (last) queued line: the queue runs in this order. */
  order: number;
}

/** Appends entries in one write. */
export async function appendJournal(root: string, entries: JournalEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const path = experimentPaths(root).journal;
  await Deno.mkdir(dirname(path), { recursive: true });
  const bytes = new TextEncoder().encode(
    "\n" + entries.map((entry) => JSON.stringify(entry)).join("\n") + "\n",
  );
  using file = await Deno.open(path, { append: true, create: true });
  let written = 0;
  while (written < bytes.length) written += await file.write(bytes.subarray(written));
}

/** Every experiment the journal holds (removed ones left out), in queue order. */
export async function foldJournal(root: string): Promise<Map<string, QueueEntry>> {
  let text: string;
  try {
    text = await Deno.readTextFile(experimentPaths(root).journal);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return new Map();
    throw error;
  }
  return foldJournalText(text);
}

/**
 * Folds journal text into the current entries; unreadable lines are skipped.
 * @example
 * ```ts
 * import { foldJournalText } from "./journal.ts";
 * const def = { setParams: ["a.b=1"], snapshot: "s", baseCommit: null };
 * const text = [
 *   JSON.stringify({ op: "queued", name: "e1", at: "t0", attempt: 1, def }),
 *   JSON.stringify({ op: "running", name: "e1", at: "t1", attempt: 1, pid: 7 }),
 *   '{"op":"do', // torn by a crash
 * ].join("\n");
 * if (foldJournalText(text).get("e1")?.status !== "running") throw new Error("expected running");
 * ```
 */
export function foldJournalText(text: string): Map<string, QueueEntry> {
  const entries = new Map<string, QueueEntry>();
  let order = 0;
  for (const line of text.split("\n")) {
    if (line === "") continue;
    let entry: JournalEntry;
    try {
      entry = JSON.parse(line);
    } catch {
      continue;
    }
    const current = entries.get(entry.name);
    switch (entry.op) {
      case "queued":
        entries.delete(entry.name); // a retry moves to the end of the queue
        entries.set(entry.name, {
          name: entry.name,
          status: "queued",
          attempt: entry.attempt,
          def: entry.def,
          queuedAt: current?.queuedAt ?? entry.at,
          at: entry.at,
          order: order++,
        });
        break;
      case "running":
      case "done":
      case "failed":
        if (current === undefined || current.attempt !== entry.attempt) break;
        current.status = entry.op;
        current.at = entry.at;
        if (entry.op === "running") current.pid = entry.pid;
        if (entry.op === "failed") current.error = entry.error;
        break;
      case "removed":
        entries.delete(entry.name);
        break;
    }
  }
  return entries;
}
