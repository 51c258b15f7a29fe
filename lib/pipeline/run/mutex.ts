/**
 * The repro mutex: one repro per repo at a time. An exclusive advisory lock on
 * `.repro/repro.pid` (released by the kernel when the holder dies, even by kill -9, so a
 * dead holder's file is simply taken over) with the holder's pid written inside for the
 * message a second repro prints.
 */
import { join } from "node:path";

/** Thrown when another live process holds the repro mutex and we were told not to wait. */
export class ReproLockedError extends Error {
  /** The holder's pid as written in the pid file (undefined if it could not be read). */
  readonly pid?: number;
  constructor(pid: number | undefined, path: string) {
    super(
      `Cannot start repro: another repro (pid ${pid ?? "unknown"}) holds ${path}; ` +
        "wait for it or pass --wait",
    );
    this.name = "ReproLockedError";
    this.pid = pid;
  }
}

/** A held repro mutex; release it with `release()` or `await using`. */
export interface ReproMutex {
  /** Repo-relative path of the pid file. */
  readonly path: string;
  release(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Options of `acquireReproMutex`. */
export interface MutexOptions {
  /** Block until the holder finishes instead of failing at once (default false). */
  wait?: boolean;
  /** Called once when we start waiting, with the holder's pid. */
  onWait?: (pid: number | undefined) => void;
}

/** Relative path of the pid file under the repo root. */
export const MUTEX_PATH = ".repro/repro.pid";

/**
 * Takes the repro mutex of the repo at `root`.
 * @example
 * ```ts
 * import { acquireReproMutex } from "./mutex.ts";
 * const root = await Deno.makeTempDir();
 * {
 *   await using _mutex = await acquireReproMutex(root, { wait: false });
 *   // a second `deno task repro` in `root` fails at once while this one holds the mutex
 * }
 * await Deno.remove(root, { recursive: true });
 * ```
 */
export async function acquireReproMutex(
  root: string,
  options: MutexOptions = {},
): Promise<ReproMutex> {
  await Deno.mkdir(join(root, ".repro"), { recursive: true });
  const path = join(root, MUTEX_PATH);
  const file = await Deno.open(path, { read: true, write: true, create: true });
  try {
    if (!(await file.tryLock(true))) {
      const holder = await readHolderPid(path);
      if (!options.wait) throw new ReproLockedError(holder, MUTEX_PATH);
      options.onWait?.(holder);
      await file.lock(true);
    }
    await file.truncate(0);
    await file.write(new TextEncoder().encode(`${Deno.pid}\n`));
  } catch (error) {
    file.close();
    throw error;
  }
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    try {
      await file.truncate(0);
      await file.unlock();
    } finally {
      file.close();
    }
  };
  return { path: MUTEX_PATH, release, [Symbol.asyncDispose]: release };
}

async function readHolderPid(path: string): Promise<number | undefined> {
  try {
    const pid = Number.parseInt((await Deno.readTextFile(path)).trim(), 10);
    return Number.isFinite(pid) ? pid : undefined;
  } catch {
    return undefined;
  }
}
