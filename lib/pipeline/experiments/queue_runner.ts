/**
 * `exp queue start`: up to `jobs` experiments at once, each in its own workspace (the repro
 * mutex is per workspace, so they do not wait for each other). A worker claims the first
 * queued experiment whose lease it can take; the journal is read afresh for each claim, so
 * experiments queued or removed meanwhile are seen, and several runners can share a queue.
 */
import { foldJournal, type QueueEntry } from "./journal.ts";
import { type Lease, tryLease } from "./lease.ts";
import { readRecord } from "./record.ts";
import type { ExperimentRecord } from "./record.ts";
import { recoverDeadRuns } from "./recover.ts";
import { runExperiment, type RunExperimentOptions } from "./run_one.ts";

/** Options of `runQueue`. */
export interface RunQueueOptions extends RunExperimentOptions {
  /** Experiments at once (default: the number of cores). */
  jobs?: number;
  /** Only these experiments (default: every queued one). */
  names?: string[];
  /** Called when an experiment starts and when it ends. */
  onEvent?: (event: "start" | "end", name: string, record?: ExperimentRecord) => void;
}

/**
 * Runs queued experiments until none is left; returns the records of those it ran.
 * @example
 * ```ts ignore
 * const records = await runQueue(root, { jobs: 2 });
 * ```
 */
export async function runQueue(
  root: string,
  options: RunQueueOptions = {},
): Promise<ExperimentRecord[]> {
  await recoverDeadRuns(root);
  const jobs = options.jobs ?? navigator.hardwareConcurrency;
  const claimed = new Set<string>();
  const records: ExperimentRecord[] = [];
  const reproJobs = options.reproJobs ??
    Math.max(1, Math.floor(navigator.hardwareConcurrency / jobs));
  const worker = async () => {
    while (!options.signal?.aborted) {
      const claim = await claimNext(root, claimed, options.names);
      if (claim === undefined) return;
      try {
        options.onEvent?.("start", claim.entry.name);
        const record = await runExperiment(root, claim.entry, { ...options, reproJobs });
        records.push(record);
        options.onEvent?.("end", claim.entry.name, record);
      } finally {
        claim.lease.release();
      }
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  return records;
}

async function claimNext(
  root: string,
  claimed: Set<string>,
  only: string[] | undefined,
): Promise<{ entry: QueueEntry; lease: Lease } | undefined> {
  const queued = [...(await foldJournal(root)).values()]
    .filter((entry) =>
      entry.status === "queued" && (only === undefined || only.includes(entry.name))
    )
    .sort((a, b) => a.order - b.order);
  for (const entry of queued) {
    const key = `${entry.name}#${entry.attempt}`;
    if (claimed.has(key)) continue;
    claimed.add(key); // before any await: the workers of this process never share one
    const lease = await tryLease(root, entry.name);
    if (lease === undefined) continue;
    const record = await readRecord(root, entry.name);
    // This attempt already ended under another runner sharing the queue.
    if (record?.attempt === entry.attempt && ["done", "failed"].includes(record.status)) {
      lease.release();
      continue;
    }
    return { entry, lease };
  }
  return undefined;
}
