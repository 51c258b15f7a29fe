/**
 * Coalesced pipeline.lock writes during a repro. Each finished stage updates the lock in
 * memory and asks for a write; writes run one at a time, at most every `intervalMs`, each
 * one atomic and holding every entry so far. Lagging is safe: a stage's outs and its
 * run-cache entry are stored before its lock entry, so after a crash the next repro
 * restores such a stage from the run-cache instead of running it.
 */
import { writeLockLazily } from "./load_cached.ts";
import type { LockEntry, LockFile } from "../store/lock.ts";

/** Records lock entries and writes them out. */
export interface LockWriter {
  /** Sets a stage's entry and schedules a write (does not wait for it). */
  update(stage: string, entry: LockEntry): void;
  /** Schedules a write without a new entry (to drop stages no longer declared). */
  rewrite(): void;
  /** Waits until every update is on disk; throws if a write failed. */
  flush(): Promise<void>;
}

/** Options of `createLockWriter`. */
export interface LockWriterOptions {
  /** Minimum time between two writes (default 200 ms; ten times a slow write's duration). */
  intervalMs?: number;
  /** Performs one write (default: `writeLock`). */
  write?: (root: string, lock: LockFile) => Promise<void>;
}

/**
 * Returns a writer of `lock` (mutated in place) that keeps only stages of `stageOrder`,
 * in that order, as pipeline.yaml lists them.
 * @example
 * ```ts
 * import { createLockWriter } from "./lock_writer.ts";
 * import { readLock } from "../store/lock.ts";
 * const root = await Deno.makeTempDir();
 * const writer = createLockWriter(root, { schema: "1", stages: {} }, ["hello"]);
 * writer.update("hello", { cmd: ["echo hi > out.txt"], deps: [], params: {}, outs: [] });
 * await writer.flush();
 * const lock = await readLock(root);
 * await Deno.remove(root, { recursive: true });
 * if (lock.stages.hello === undefined) throw new Error("expected the hello entry on disk");
 * ```
 */
export function createLockWriter(
  root: string,
  lock: LockFile,
  stageOrder: string[],
  options: LockWriterOptions = {},
): LockWriter {
  const intervalMs = options.intervalMs ?? 200;
  const write = options.write ?? writeLockLazily;
  let dirty = false;
  let running: Promise<void> | undefined;
  let lastWrite = -Infinity;
  let gap = intervalMs;
  let failure: unknown;

  let flushing = false;
  let wake: (() => void) | undefined;

  /** Waits out the interval since the last write, unless a flush cuts it short. */
  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });
  }

  async function drain(): Promise<void> {
    try {
      while (dirty) {
        const wait = lastWrite + gap - performance.now();
        if (wait > 0 && !flushing) await pause(wait);
        dirty = false;
        const stages: Record<string, LockEntry> = {};
        for (const name of stageOrder) if (lock.stages[name]) stages[name] = lock.stages[name];
        const started = performance.now();
        try {
          await write(root, { schema: "1", stages });
        } catch (error) {
          failure ??= error;
        }
        lastWrite = performance.now();
        // A big lock takes long to serialise: space writes so they stay a small share of the run.
        gap = Math.max(intervalMs, 10 * (lastWrite - started));
      }
    } finally {
      // Cleared in the same turn the loop ends, so a later update starts a new drain.
      running = undefined;
    }
  }

  return {
    update(stage, entry) {
      lock.stages[stage] = entry;
      this.rewrite();
    },
    rewrite() {
      dirty = true;
      running ??= drain();
    },
    async flush() {
      flushing = true;
      wake?.();
      while (running) await running;
      if (failure !== undefined) throw failure;
    },
  };
}
