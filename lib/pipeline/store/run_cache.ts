/**
 * The run-cache: a stage's lock entry saved under the hash of what it ran with, so a
 * fingerprint seen before (say, after reverting a param) is restored instead of re-run.
 */
import { join } from "node:path";
import { writeFileAtomic } from "./atomic.ts";
import { canonicalJson, hashBytes } from "./hash.ts";
import { type LockEntry, LockEntrySchema, normalizeEntry } from "./lock.ts";

/** What identifies a run: its cmd, dep hashes, param values and out paths. */
export interface RunCacheInput {
  cmd: string[];
  deps: Record<string, string>;
  params: Record<string, unknown>;
  outs: string[];
  /** Values of the declared out-of-repo state; left out of the key when empty. */
  state?: Record<string, { id: string; hash: string }>;
}

/** Directory of run-cache entries, relative to the repo root. */
export const RUNS_DIR = ".repro/runs";

/**
 * The run-cache key: SHA-256 of the canonical JSON (sorted keys) of the input.
 * @example
 * ```ts
 * import { runCacheKey } from "./run_cache.ts";
 * const key = runCacheKey({ cmd: ["echo hi"], deps: {}, params: {}, outs: ["out.txt"] });
 * if (key !== runCacheKey({ cmd: ["echo hi"], deps: {}, params: {}, outs: ["out.txt"] })) {
 *   throw new Error("expected the same key for the same run");
 * }
 * ```
 */
export function runCacheKey(input: RunCacheInput): string {
  const state = input.state ?? {};
  // Stages without state keep the keys they had before state existed.
  return hashBytes(canonicalJson({
    cmd: input.cmd,
    deps: input.deps,
    params: input.params,
    outs: input.outs,
    ...(Object.keys(state).length > 0 ? { state } : {}),
  }));
}

/** Repo-relative path of a run-cache entry. */
export function runRelPath(key: string): string {
  if (!/^[0-9a-f]{64}$/.test(key)) throw new TypeError(`Cannot locate run: bad key "${key}"`);
  return `${RUNS_DIR}/${key.slice(0, 2)}/${key.slice(2)}.json`;
}

/** Saves a stage's lock entry under its run key (atomically). */
export async function saveRun(root: string, key: string, entry: LockEntry): Promise<void> {
  const path = join(root, runRelPath(key));
  await Deno.mkdir(join(path, ".."), { recursive: true });
  await writeFileAtomic(path, JSON.stringify(normalizeEntry(entry)));
}

/** Loads the lock entry saved under a run key; undefined if absent or unreadable. */
export async function loadRun(root: string, key: string): Promise<LockEntry | undefined> {
  let text: string;
  try {
    text = await Deno.readTextFile(join(root, runRelPath(key)));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  try {
    const result = LockEntrySchema.safeParse(JSON.parse(text));
    return result.success ? result.data as LockEntry : undefined;
  } catch {
    // A damaged entry only costs a re-run.
    return undefined;
  }
}

/** Every readable run-cache entry (for `--dry`, which asks whether any could match). */
export async function* savedRuns(root: string): AsyncGenerator<LockEntry> {
  const shards = await listDir(join(root, RUNS_DIR));
  for (const shard of shards.sort()) {
    for (const name of (await listDir(join(root, RUNS_DIR, shard))).sort()) {
      if (!name.endsWith(".json")) continue;
      const entry = await loadRun(root, `${shard}${name.slice(0, -".json".length)}`)
        .catch(() => undefined);
      if (entry !== undefined) yield entry;
    }
  }
}

async function listDir(path: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(path)) names.push(entry.name);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return [];
    throw error;
  }
  return names;
}
