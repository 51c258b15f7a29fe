/**
 * A running experiment's lease: an exclusive advisory lock on
 * `.repro/exp/leases/<name>.lock`, held by the process running it for as long as it runs.
 * The kernel drops it when that process dies, kill -9 included, so "the journal says
 * running but the lease is free" means the runner is gone — no pid reuse can fool it.
 */
import { join } from "node:path";
import { experimentPaths } from "./paths.ts";

/** A held lease; `release()` frees it. */
export interface Lease {
  release(): void;
}

/** Path of an experiment's lease file. */
export function leasePath(root: string, name: string): string {
  return join(experimentPaths(root).leases, `${name}.lock`);
}

/**
 * Takes the lease of `name` if no live process holds it; undefined otherwise.
 * @example
 * ```ts
 * import { tryLease } from "./lease.ts";
 * const root = await Deno.makeTempDir();
 * const first = await tryLease(root, "e1");
 * const second = await tryLease(root, "e1");
 * first?.release();
 * await Deno.remove(root, { recursive: true });
 * if (first === undefined || second !== undefined) throw new Error("expected one holder");
 * ```
 */
export async function tryLease(root: string, name: string): Promise<Lease | undefined> {
  await Deno.mkdir(experimentPaths(root).leases, { recursive: true });
  const file = await Deno.open(leasePath(root, name), { read: true, write: true, create: true });
  let locked = false;
  try {
    locked = await file.tryLock(true);
  } finally {
    if (!locked) file.close();
  }
  if (!locked) return undefined;
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      file.close(); // closing the descriptor drops the lock
    },
  };
}
