/**
 * What a killed or failed run leaves behind, and its removal: the `<out>.partial` files
 * stages write before renaming, the `.<name>.<pid>-<id>.tmp` temp files the runner stages
 * beside an out, and `.repro/tmp` entries of runs that are gone. Called under the repro
 * mutex, so no other repro is writing these.
 */
import { basename, dirname, join } from "node:path";
import { TEMP_DIR } from "./cache.ts";

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
 * await removeOutDebris(root, ["data/split/train.parquet"]); // ["data/split/train.parquet.partial"]
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
 * Removes the `.repro/tmp` entries whose writer is no longer running (named
 * `<pid>-<uuid>` by the cache; unnamed ones are from older versions and removed too).
 */
export async function removeDeadTemp(root: string): Promise<number> {
  const dir = join(root, TEMP_DIR);
  let removed = 0;
  for (const entry of await listDir(dir)) {
    const pid = /^(\d+)-/.exec(entry)?.[1];
    if (pid !== undefined && (Number(pid) === Deno.pid || isProcessAlive(Number(pid)))) continue;
    await Deno.remove(join(dir, entry), { recursive: true }).catch(() => {});
    removed++;
  }
  return removed;
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
