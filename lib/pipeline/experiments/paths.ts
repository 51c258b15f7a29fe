/**
 * Where experiments live, all under `.repro/exp/` of the user's repo (so a workspace's
 * writes into the shared cache are renames on one filesystem).
 */
import { join } from "node:path";

/** The experiments folder, relative to the repo root. */
export const EXP_DIR = ".repro/exp";

/** Absolute paths of the experiment store of the repo at `root`. */
export interface ExperimentPaths {
  /** One JSON record per experiment, `<name>.json`. */
  records: string;
  /** The append-only queue journal (JSON lines). */
  journal: string;
  /** Frozen copies of the tracked files an experiment runs on, by content hash. */
  snapshots: string;
  /** One isolated workspace per running (or failed) experiment attempt. */
  workspaces: string;
  /** Output of each experiment's repro, `<name>.log`. */
  logs: string;
  /** Lease files a running experiment holds an exclusive lock on. */
  leases: string;
}

/**
 * The experiment store's paths for the repo at `root`.
 * @example
 * ```ts
 * import { experimentPaths } from "./paths.ts";
 * if (!experimentPaths("/repo").journal.endsWith(".repro/exp/queue.jsonl")) throw new Error();
 * ```
 */
export function experimentPaths(root: string): ExperimentPaths {
  const dir = join(root, EXP_DIR);
  return {
    records: join(dir, "records"),
    journal: join(dir, "queue.jsonl"),
    snapshots: join(dir, "snapshots"),
    workspaces: join(dir, "workspaces"),
    logs: join(dir, "logs"),
    leases: join(dir, "leases"),
  };
}
