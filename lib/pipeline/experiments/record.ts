/**
 * One experiment's record, `.repro/exp/records/<name>.json`, replaced atomically at each
 * change of status: what it ran (base commit, snapshot, params), and what came out
 * (metrics, the lock, the error of a failure).
 */
import { join } from "node:path";
import { writeFileAtomic } from "../store/atomic.ts";
import type { LockFile } from "../store/lock.ts";
import { experimentPaths } from "./paths.ts";

/** Where an experiment is in its life. */
export type ExperimentStatus = "queued" | "running" | "done" | "failed";

/** Everything recorded about one experiment. */
export interface ExperimentRecord {
  schema: 1;
  name: string;
  status: ExperimentStatus;
  /** The git commit the workspace was taken on (null outside git history). */
  baseCommit: string | null;
  /** Content hash of the snapshot of tracked files it runs on. */
  snapshot: string;
  /** The `key=value` assignments, as given. */
  setParams: string[];
  /** Every param after the overrides, flattened to dotted keys. */
  params: Record<string, unknown>;
  /** The dotted keys whose value differs from the base pipeline.yaml's. */
  changed: string[];
  /** Stages left out: those that write out-of-repo state (register) and what follows them. */
  skippedStages: string[];
  queuedAt: string;
  startedAt?: string;
  endedAt?: string;
  /** 1 for the first run, one more for each retry. */
  attempt: number;
  /** Why it failed. */
  error?: string;
  /** Each declared metrics file, flattened to dotted keys (or its read error). */
  metrics?: Record<string, Record<string, unknown> | { error: string }>;
  /** The workspace's pipeline.lock after the run. */
  lock?: LockFile;
}

/** Path of an experiment's record file. */
export function recordPath(root: string, name: string): string {
  return join(experimentPaths(root).records, `${name}.json`);
}

/** Writes a record atomically (readers see the old or the new one, never half). */
export async function writeRecord(root: string, record: ExperimentRecord): Promise<void> {
  await Deno.mkdir(experimentPaths(root).records, { recursive: true });
  await writeFileAtomic(recordPath(root, record.name), JSON.stringify(record, null, 1) + "\n");
}

/** Reads a record; undefined when there is none. */
export async function readRecord(
  root: string,
  name: string,
): Promise<ExperimentRecord | undefined> {
  let text: string;
  try {
    text = await Deno.readTextFile(recordPath(root, name));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as ExperimentRecord;
  } catch (error) {
    throw new SyntaxError(
      `Cannot read experiment "${name}": ${recordPath(root, name)} is not JSON: ${
        (error as Error).message
      }`,
    );
  }
}

/** Names of every recorded experiment, sorted. */
export async function listRecordNames(root: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(experimentPaths(root).records)) {
      if (entry.isFile && entry.name.endsWith(".json") && !entry.name.startsWith(".")) {
        names.push(entry.name.slice(0, -".json".length));
      }
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return names.sort();
}

/** Every record, in name order. */
export async function readAllRecords(root: string): Promise<ExperimentRecord[]> {
  const records = await Promise.all(
    (await listRecordNames(root)).map((name) => readRecord(root, name)),
  );
  return records.filter((record): record is ExperimentRecord => record !== undefined);
}
