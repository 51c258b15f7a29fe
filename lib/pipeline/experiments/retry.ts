/** `exp queue retry NAME…`: a failed experiment queued again, as its next attempt. */
import { ExperimentError } from "./errors.ts";
import { appendJournal, type JournalEntry } from "./journal.ts";
import { recoverDeadRuns } from "./recover.ts";
import { loadView } from "./views.ts";

/**
 * Queues failed experiments again under the same names (the record keeps one entry per
 * name: the retry's result replaces the failure).
 * @example
 * ```ts ignore
 * await retryExperiments(root, ["exp-1a2b3"]);
 * ```
 */
export async function retryExperiments(root: string, names: string[]): Promise<void> {
  await recoverDeadRuns(root);
  const at = new Date().toISOString();
  const entries: JournalEntry[] = [];
  for (const name of names) {
    const { entry, record } = await loadView(root, name);
    const status = entry?.status ?? record?.status;
    if (status !== "failed") {
      throw new ExperimentError(`Cannot retry experiment "${name}": it is ${status}, not failed`);
    }
    const def = entry?.def ??
      { setParams: record!.setParams, snapshot: record!.snapshot, baseCommit: record!.baseCommit };
    const attempt = Math.max(entry?.attempt ?? 0, record?.attempt ?? 0) + 1;
    entries.push({ op: "queued", name, at, attempt, def });
  }
  await appendJournal(root, entries);
}
