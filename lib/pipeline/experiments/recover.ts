/**
 * What a killed runner left: experiments the journal says are running whose lease is free.
 * Each is marked failed (record and journal) so it can be retried; one whose record
 * already says it finished (the runner died between the two writes) gets the journal line
 * it missed instead, so nothing is run or recorded twice.
 */
import { appendJournal, foldJournal, type QueueEntry } from "./journal.ts";
import { tryLease } from "./lease.ts";
import { readRecord, writeRecord } from "./record.ts";

/**
 * Marks the experiments of dead runners failed; returns their names.
 * @example
 * ```ts ignore
 * const failed = await recoverDeadRuns(root); // before exp queue status or start
 * ```
 */
export async function recoverDeadRuns(root: string): Promise<string[]> {
  const running = [...(await foldJournal(root)).values()].filter((e) => e.status === "running");
  const failed: string[] = [];
  for (const entry of running) {
    const lease = await tryLease(root, entry.name);
    if (lease === undefined) continue; // its runner is alive
    try {
      if (await recoverEntry(root, entry)) failed.push(entry.name);
    } finally {
      lease.release();
    }
  }
  return failed;
}

async function recoverEntry(root: string, entry: QueueEntry): Promise<boolean> {
  const record = await readRecord(root, entry.name);
  const at = new Date().toISOString();
  const base = { name: entry.name, at, attempt: entry.attempt };
  if (record?.attempt === entry.attempt && record.status === "done") {
    await appendJournal(root, [{ op: "done", ...base }]);
    return false;
  }
  if (record?.attempt === entry.attempt && record.status === "failed") {
    await appendJournal(root, [{ op: "failed", ...base, error: record.error ?? "failed" }]);
    return false;
  }
  const error = `its runner (pid ${entry.pid ?? "unknown"}) died while it ran; ` +
    `queue it again with exp queue retry ${entry.name}`;
  if (record !== undefined) {
    await writeRecord(root, { ...record, status: "failed", endedAt: at, error });
  }
  await appendJournal(root, [{ op: "failed", ...base, error }]);
  return true;
}
