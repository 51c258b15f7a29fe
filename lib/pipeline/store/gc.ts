/**
 * Cache garbage collection: remove objects no longer referenced by the current lock (and,
 * with `revs`, by pipeline.lock of the last N git commits), then the run-cache entries
 * whose outs are gone and stale scratch files.
 */
import { join } from "node:path";
import { objectRelPath, OBJECTS_DIR, TEMP_DIR } from "./cache.ts";
import { type LockFile, parseLock, readLock } from "./lock.ts";
import { isDirHash, parseManifest } from "./manifest.ts";
import { loadRun, RUNS_DIR } from "./run_cache.ts";

/** Options of `collectGarbage`. */
export interface GcOptions {
  /** Also keep what pipeline.lock referenced in each of the last N git commits. */
  revs?: number;
  /** Count what would be removed without removing anything. */
  dry?: boolean;
}

/** What gc removed (or, with dry, would remove). */
export interface GcResult {
  /** Objects removed. */
  removed: number;
  /** Objects kept. */
  kept: number;
  /** Bytes freed on disk (an object still hardlinked into the work tree frees nothing). */
  freedBytes: number;
  /** Run-cache entries removed because an out object is gone. */
  prunedRuns: number;
}

/** Scratch files older than this are leftovers of a killed process. */
const STALE_TEMP_MS = 60 * 60 * 1000;

/**
 * Removes unreferenced cache objects.
 * @example
 * ```ts
 * import { collectGarbage } from "./gc.ts";
 * const root = await Deno.makeTempDir();
 * await Deno.writeTextFile(`${root}/pipeline.yaml`, "stages: {}\n");
 * // `{ revs: 5 }` also keeps what the last 5 commits' pipeline.lock name (a git work tree)
 * const { removed, freedBytes } = await collectGarbage(root);
 * await Deno.remove(root, { recursive: true });
 * if (removed !== 0 || freedBytes !== 0) throw new Error("an empty cache has nothing to free");
 * ```
 */
export async function collectGarbage(root: string, options: GcOptions = {}): Promise<GcResult> {
  const locks = [await readLock(root)];
  if (options.revs !== undefined && options.revs > 0) {
    locks.push(...await locksOfRecentCommits(root, options.revs));
  }
  const keep = await referencedObjects(root, locks);
  const result: GcResult = { removed: 0, kept: 0, freedBytes: 0, prunedRuns: 0 };
  const gone = new Set<string>();
  const objectsDir = join(root, OBJECTS_DIR);
  for (const shard of await listDir(objectsDir)) {
    const shardDir = join(objectsDir, shard);
    for (const name of await listDir(shardDir)) {
      const objectName = shard + name;
      if (keep.has(objectName)) {
        result.kept++;
        continue;
      }
      const info = await Deno.lstat(join(shardDir, name));
      result.removed++;
      if (info.nlink === 1 || info.nlink === null) result.freedBytes += info.size;
      gone.add(objectName);
      if (!options.dry) await Deno.remove(join(shardDir, name), { recursive: true });
    }
    if (!options.dry) await Deno.remove(shardDir).catch(() => {});
  }
  result.prunedRuns = await pruneRuns(root, gone, options.dry ?? false);
  if (!options.dry) await removeStaleTemp(root);
  return result;
}

/** Object names (hex, plus ".dir" for manifests) referenced by the locks. */
async function referencedObjects(root: string, locks: LockFile[]): Promise<Set<string>> {
  const keep = new Set<string>();
  for (const lock of locks) {
    for (const entry of Object.values(lock.stages)) {
      for (const item of [...entry.outs, ...entry.deps]) {
        if (keep.has(item.hash)) continue;
        keep.add(item.hash);
        if (isDirHash(item.hash)) {
          for (const file of await manifestFiles(root, item.hash)) keep.add(file);
        }
      }
    }
  }
  return keep;
}

async function manifestFiles(root: string, hash: string): Promise<string[]> {
  try {
    return parseManifest(await Deno.readTextFile(join(root, objectRelPath(hash))))
      .map((entry) => entry.hash);
  } catch {
    // A missing or damaged manifest references nothing; checkout would fail on it anyway.
    return [];
  }
}

/** pipeline.lock as committed in each of the last `revs` commits (where it exists). */
async function locksOfRecentCommits(root: string, revs: number): Promise<LockFile[]> {
  const log = await git(root, ["log", `-n${revs}`, "--format=%H"]);
  if (log === undefined) {
    throw new Error(`Cannot keep the last ${revs} revisions: "${root}" is not a git repository`);
  }
  const locks: LockFile[] = [];
  for (const rev of log.split("\n").filter(Boolean)) {
    const text = await git(root, ["show", `${rev}:./pipeline.lock`]);
    if (text === undefined) continue;
    try {
      locks.push(parseLock(text));
    } catch (error) {
      throw new Error(
        `Cannot read pipeline.lock of ${rev.slice(0, 10)}: ${(error as Error).message}`,
      );
    }
  }
  return locks;
}

async function git(root: string, args: string[]): Promise<string | undefined> {
  const output = await new Deno.Command("git", { args, cwd: root, stdout: "piped", stderr: "null" })
    .output();
  return output.success ? new TextDecoder().decode(output.stdout) : undefined;
}

/** Removes run-cache entries that restore an out whose object is gone (or unreadable). */
async function pruneRuns(root: string, gone: Set<string>, dry: boolean): Promise<number> {
  let pruned = 0;
  const runsDir = join(root, RUNS_DIR);
  for (const shard of await listDir(runsDir)) {
    for (const name of await listDir(join(runsDir, shard))) {
      const key = shard + name.replace(/\.json$/, "");
      const entry = /^[0-9a-f]{64}$/.test(key) ? await loadRun(root, key) : undefined;
      const outsGone = entry === undefined || await someOutGone(root, entry.outs, gone);
      if (!outsGone) continue;
      pruned++;
      if (!dry) await Deno.remove(join(runsDir, shard, name), { recursive: true });
    }
  }
  return pruned;
}

async function someOutGone(
  root: string,
  outs: { hash: string }[],
  gone: Set<string>,
): Promise<boolean> {
  for (const out of outs) {
    if (gone.has(out.hash)) return true;
    if (!await exists(join(root, objectRelPath(out.hash)))) return true;
    if (isDirHash(out.hash)) {
      for (const file of await manifestFiles(root, out.hash)) {
        if (gone.has(file) || !await exists(join(root, objectRelPath(file)))) return true;
      }
    }
  }
  return false;
}

async function removeStaleTemp(root: string): Promise<void> {
  const tempDir = join(root, TEMP_DIR);
  const now = Date.now();
  for (const name of await listDir(tempDir)) {
    const info = await Deno.lstat(join(tempDir, name)).catch(() => undefined);
    if (info && now - (info.mtime?.getTime() ?? 0) > STALE_TEMP_MS) {
      await Deno.remove(join(tempDir, name), { recursive: true }).catch(() => {});
    }
  }
}

async function listDir(dir: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return names.sort();
}

function exists(path: string): Promise<boolean> {
  return Deno.stat(path).then(() => true, () => false);
}
