/**
 * `exp remove` and `exp gc`: forgetting experiments, and freeing the disk their workspaces
 * and snapshots take. A running experiment (its lease held) is never touched.
 */
import { join } from "node:path";
import { ExperimentError } from "./errors.ts";
import { appendJournal, foldJournal } from "./journal.ts";
import { leasePath, tryLease } from "./lease.ts";
import { experimentPaths } from "./paths.ts";
import { listRecordNames, recordPath } from "./record.ts";
import { recoverDeadRuns } from "./recover.ts";
import { loadView } from "./views.ts";

async function removePath(path: string): Promise<boolean> {
  try {
    await Deno.remove(path, { recursive: true });
    return true;
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return false;
    throw error;
  }
}

async function listNames(dir: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return names.sort();
}

/** Removes the workspaces of every attempt of `name`. */
async function removeWorkspaces(root: string, name: string): Promise<void> {
  const dir = experimentPaths(root).workspaces;
  for (const entry of await listNames(dir)) {
    if (new RegExp(`^${name.replaceAll(".", "\\.")}-\\d+$`).test(entry)) {
      await removePath(join(dir, entry));
    }
  }
}

/**
 * Removes experiments (record, log, workspaces, queue entry); every name is checked first.
 * @example
 * ```ts ignore
 * await removeExperiments(root, ["exp-1a2b3"]);
 * ```
 */
export async function removeExperiments(root: string, names: string[]): Promise<void> {
  for (const name of names) await loadView(root, name); // unknown names fail before any removal
  const leases = [];
  try {
    for (const name of names) {
      const lease = await tryLease(root, name);
      if (lease === undefined) {
        throw new ExperimentError(`Cannot remove experiment "${name}": it is running`);
      }
      leases.push(lease);
    }
    const at = new Date().toISOString();
    await appendJournal(root, names.map((name) => ({ op: "removed" as const, name, at })));
    for (const name of names) {
      await removePath(recordPath(root, name));
      await removePath(join(experimentPaths(root).logs, `${name}.log`));
      await removeWorkspaces(root, name);
    }
  } finally {
    for (const lease of leases) lease.release();
  }
  for (const name of names) await removePath(leasePath(root, name));
}

/** What `exp gc` removed. */
export interface ExpGcResult {
  workspaces: string[];
  snapshots: string[];
  /** Records removed (with `records: true`). */
  records: string[];
}

/**
 * Removes the workspaces of experiments not running, the snapshots no queued, running or
 * failed (retryable) experiment needs, and with `records` the done and failed experiments.
 */
export async function collectExperimentGarbage(
  root: string,
  options: { records?: boolean } = {},
): Promise<ExpGcResult> {
  const result: ExpGcResult = { workspaces: [], snapshots: [], records: [] };
  await recoverDeadRuns(root);
  const journal = await foldJournal(root);
  if (options.records) {
    const finished = [...journal.values()].filter((e) =>
      e.status === "done" || e.status === "failed"
    )
      .map((e) => e.name);
    const orphans = (await listRecordNames(root)).filter((name) => !journal.has(name));
    const names = [...finished, ...orphans];
    if (names.length > 0) await removeExperiments(root, names);
    result.records = names;
  }
  const paths = experimentPaths(root);
  for (const entry of await listNames(paths.workspaces)) {
    const name = entry.replace(/-\d+$/, "");
    const lease = await tryLease(root, name);
    if (lease === undefined) continue; // running: its workspace is in use
    try {
      if (await removePath(join(paths.workspaces, entry))) result.workspaces.push(entry);
    } finally {
      lease.release();
    }
  }
  const kept = new Set(
    [...(await foldJournal(root)).values()].filter((e) => e.status !== "done")
      .map((e) => e.def.snapshot),
  );
  for (const entry of await listNames(paths.snapshots)) {
    if (kept.has(entry) || entry.endsWith(".tmp")) continue;
    if (await removePath(join(paths.snapshots, entry))) result.snapshots.push(entry);
  }
  return result;
}
