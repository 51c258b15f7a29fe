/**
 * What a killed or failed run leaves behind, and its removal: the `<out>.partial` files
 * stages write before renaming, the `.<name>.<pid>-<id>.tmp` temp files the runner stages
 * beside an out, and `.repro/tmp` entries of runs that are gone. Called under the repro
 * mutex, so no other repro is writing these.
 */
import { basename, dirname, join } from "node:path";
import { TEMP_DIR } from "./cache_dirs.ts";

/** Debris beside an out named `name`: its `.partial`, and temp or unprotect files. */
function isDebrisOf(name: string, entry: string): boolean {
  if (entry === `${name}.partial`) return true;
  if (entry.startsWith(`.${name}.`) && /\.\d+-[0-9a-f]{8}\.tmp$/.test(entry)) return true;
  return entry.startsWith(`${name}.unprotect-`) && entry.endsWith(".tmp");
}

/**
 * Removes the debris beside each out (repo-relative paths); returns the repo-relative
 * paths removed.
 * @example
 * ```ts
 * import { removeOutDebris } from "./debris.ts";
 * const root = await Deno.makeTempDir();
 * await Deno.mkdir(`${root}/data/split`, { recursive: true });
 * await Deno.writeTextFile(`${root}/data/split/train.parquet.partial`, "");
 * const removed = await removeOutDebris(root, ["data/split/train.parquet"]);
 * await Deno.remove(root, { recursive: true });
 * if (removed.join() !== "data/split/train.parquet.partial") throw new Error(`got ${removed}`);
 * ```
 */
export async function removeOutDebris(root: string, outs: readonly string[]): Promise<string[]> {
  const removed: string[] = [];
  for (const out of outs) {
    const dir = dirname(out);
    const name = basename(out);
    for (const entry of await listDir(join(root, dir))) {
      if (!isDebrisOf(name, entry)) continue;
      await Deno.remove(join(root, dir, entry), { recursive: true }).catch(() => {});
      removed.push(dir === "." ? entry : `${dir}/${entry}`);
    }
  }
  return removed;
}

/**
 * Removes what dead runs left of the runner's own files: `.repro/tmp` entries (named
 * `<pid>-<uuid>` by the cache; unnamed ones are from older versions) and the atomic-write
 * temps (`.<name>.<pid>-<id>.tmp`) of pipeline.lock and of the files in `.repro/`, each
 * only when its writer is gone (status writes the stat cache without the mutex).
 * Returns how many entries it removed.
 */
export async function removeDeadTemp(root: string): Promise<number> {
  let removed = 0;
  const remove = async (path: string) => {
    await Deno.remove(path, { recursive: true }).catch(() => {});
    removed++;
  };
  const tempDir = join(root, TEMP_DIR);
  for (const entry of await listDir(tempDir)) {
    const pid = /^(\d+)-/.exec(entry)?.[1];
    if (pid === undefined || !isWriterAlive(Number(pid))) await remove(join(tempDir, entry));
  }
  for (const dir of [root, join(root, ".repro")]) {
    for (const entry of await listDir(dir)) {
      const pid = ATOMIC_TEMP.exec(entry)?.[1];
      if (pid !== undefined && !isWriterAlive(Number(pid))) await remove(join(dir, entry));
    }
  }
  return removed;
}

/** The temp name `tempPathBeside` gives: `.<name>.<pid>-<8 hex>.tmp`; captures the pid. */
const ATOMIC_TEMP = /^\..+\.(\d+)-[0-9a-f]{8}\.tmp$/;

function isWriterAlive(pid: number): boolean {
  return pid === Deno.pid || isProcessAlive(pid);
}

/** True when a process with this pid exists (Linux /proc; elsewhere assume it does). */
function isProcessAlive(pid: number): boolean {
  try {
    Deno.statSync(`/proc/${pid}`);
    return true;
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) return true;
    try {
      Deno.statSync("/proc/self");
      return false;
    } catch {
      return true;
    }
  }
}

async function listDir(dir: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of Deno.readDir(dir)) names.push(entry.name);
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound || error instanceof Deno.errors.NotADirectory)) {
      throw error;
    }
  }
  return names;
}
