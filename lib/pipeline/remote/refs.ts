/**
 * What a push or pull moves: the outs that pipeline.lock records for the chosen stages (all,
 * or those named by stage or out path) and the run-cache key of each of those lock entries,
 * computed the way repro computes it, so a pulled entry is the one repro looks up.
 */
import type { LockEntry, LockFile } from "../store/lock.ts";
import { runCacheKey } from "../store/run_cache.ts";
import { RemoteConfigError } from "./errors.ts";

/** One out to transfer. */
export interface OutRef {
  stage: string;
  path: string;
  hash: string;
}

/** One run-cache entry to transfer, with the out hashes it restores. */
export interface RunRef {
  stage: string;
  key: string;
  outHashes: string[];
}

/** Everything a push or pull of some targets moves. */
export interface TransferRefs {
  outs: OutRef[];
  runs: RunRef[];
}

/** The run-cache key repro computes for a stage whose fingerprint equals this lock entry. */
export function runKeyOfEntry(entry: LockEntry): string {
  const deps: Record<string, string> = {};
  for (const dep of entry.deps) deps[dep.path] = dep.hash;
  return runCacheKey({
    cmd: entry.cmd,
    deps,
    params: entry.params,
    outs: entry.outs.map((out) => out.path).sort(comparePaths),
    state: entry.state,
  });
}

/**
 * The outs and runs of the targets (stage names or out paths; none means every stage).
 * @example
 * ```ts
 * import { collectRefs } from "./refs.ts";
 * const hash = "a".repeat(64);
 * const lock = {
 *   schema: "1" as const,
 *   stages: { copy: { cmd: ["cp a b"], deps: [], params: {}, outs: [{ path: "b", hash, size: 1 }] } },
 * };
 * const refs = collectRefs(lock, ["copy"]); // a stage name, or an out path such as "b"
 * if (refs.outs[0]?.stage !== "copy" || refs.runs.length !== 1) throw new Error(JSON.stringify(refs));
 * ```
 */
export function collectRefs(lock: LockFile, targets: string[] = []): TransferRefs {
  const stages = Object.entries(lock.stages);
  const chosen = new Map<string, Set<string> | "all">();
  for (const target of targets) {
    const path = target.replace(/^\.\//, "").replace(/\/+$/, "");
    if (lock.stages[path] !== undefined) {
      chosen.set(path, "all");
      continue;
    }
    const owner = stages.find(([, entry]) => entry.outs.some((out) => out.path === path));
    if (owner === undefined) {
      throw new RemoteConfigError(
        `Unknown target "${target}": not a stage or out recorded in pipeline.lock`,
      );
    }
    const outs = chosen.get(owner[0]);
    if (outs !== "all") chosen.set(owner[0], new Set([...(outs ?? []), path]));
  }
  const refs: TransferRefs = { outs: [], runs: [] };
  for (const [stage, entry] of stages) {
    const pick = targets.length === 0 ? "all" : chosen.get(stage);
    if (pick === undefined) continue;
    for (const out of entry.outs) {
      if (pick === "all" || pick.has(out.path)) {
        refs.outs.push({ stage, path: out.path, hash: out.hash });
      }
    }
    // A run entry restores the whole stage, so it travels only with all of its outs.
    if (pick === "all" && entry.outs.length > 0) {
      refs.runs.push({
        stage,
        key: runKeyOfEntry(entry),
        outHashes: entry.outs.map((o) => o.hash),
      });
    }
  }
  return refs;
}

function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
