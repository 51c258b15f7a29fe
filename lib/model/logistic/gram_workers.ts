/**
 * Worker threads that take shares of XᵀWX (gram_share.ts) while the calling thread runs
 * its own, synchronously: the caller writes each worker's share into its control words,
 * bumps the sequence number and waits on the answers with Atomics, so a fit stays an
 * ordinary function call. The workers attach to one design's memory at a time.
 */
import { CONTROL, controlWords, MAX_GRAM_WORKERS } from "./gram_control.ts";
import type { GramKernel } from "./gram_kernel.ts";
import { type GramShare, runGramShare, SHARE_FIELDS } from "./gram_share.ts";

/** Started Gram workers and the memory each is attached to. */
export interface GramWorkers {
  workers: Worker[];
  attached: (WebAssembly.Memory | undefined)[];
  /** The last sequence number given to each worker since it attached. */
  sequences: number[];
}

/** How long a worker may take to attach, or to finish one share, before the fit fails. */
const ATTACH_TIMEOUT_MS = 30_000;
const SHARE_TIMEOUT_MS = 600_000;

/**
 * Workers used when none are given: one per core beyond the calling thread, once a
 * Hessian (rows × dense columns²) is large enough to repay starting them.
 */
export function defaultGramWorkerCount(rows: number, dense: number): number {
  if (rows * dense * dense < 400_000_000) return 0;
  const cores = navigator.hardwareConcurrency ?? 1;
  return Math.max(0, Math.min(MAX_GRAM_WORKERS, cores - 1));
}

/** Starts `count` Gram workers (at most MAX_GRAM_WORKERS); stop them with stopGramWorkers. */
export function startGramWorkers(count: number): GramWorkers {
  if (!(count >= 0 && count <= MAX_GRAM_WORKERS)) {
    throw new RangeError(
      `Cannot start Gram workers: asked for ${count}, expected 0 to ${MAX_GRAM_WORKERS}`,
    );
  }
  const workers = Array.from(
    { length: count },
    () => new Worker(new URL("./gram_worker.ts", import.meta.url), { type: "module" }),
  );
  return { workers, attached: workers.map(() => undefined), sequences: workers.map(() => 0) };
}

/** Detaches and terminates the workers. */
export function stopGramWorkers(pool: GramWorkers): void {
  pool.workers.forEach((worker, k) => {
    detach(pool, k);
    worker.terminate();
  });
}

/**
 * Runs shares[0] on this thread and shares[k] on worker k − 1 (over `memory`, whose
 * kernel is `kernel`); returns once every share is done.
 */
export function runGramShares(
  pool: GramWorkers | undefined,
  memory: WebAssembly.Memory,
  kernel: GramKernel,
  shares: GramShare[],
): void {
  const helpers = shares.length - 1;
  if (helpers > (pool?.workers.length ?? 0)) {
    throw new RangeError(`Cannot run ${shares.length} Gram shares: not enough workers`);
  }
  for (let k = 0; k < helpers; k++) {
    const words = attach(pool as GramWorkers, k, memory);
    SHARE_FIELDS.forEach((field, f) => words[CONTROL.share + f] = shares[k + 1][field] | 0);
    const sequence = ++(pool as GramWorkers).sequences[k];
    Atomics.store(words, CONTROL.sequence, sequence);
    Atomics.notify(words, CONTROL.sequence);
  }
  runGramShare(kernel, shares[0]);
  for (let k = 0; k < helpers; k++) {
    const words = controlWords(memory, k);
    const sequence = (pool as GramWorkers).sequences[k];
    const done = waitUntil(
      words,
      CONTROL.done,
      (v) => v === sequence || v === -sequence,
      SHARE_TIMEOUT_MS,
    );
    if (done === undefined) {
      throw new RangeError(`Cannot compute the Hessian: Gram worker ${k} did not answer`);
    }
    if (done < 0) throw new RangeError(`Cannot compute the Hessian: Gram worker ${k} failed`);
  }
}

function attach(pool: GramWorkers, k: number, memory: WebAssembly.Memory): Int32Array {
  const words = controlWords(memory, k);
  if (pool.attached[k] === memory) return words;
  detach(pool, k);
  words.fill(0);
  pool.sequences[k] = 0;
  pool.workers[k].postMessage({ memory, slot: k });
  if (waitUntil(words, CONTROL.ready, (v) => v === 1, ATTACH_TIMEOUT_MS) === undefined) {
    throw new RangeError(`Cannot compute the Hessian: Gram worker ${k} did not start`);
  }
  pool.attached[k] = memory;
  return words;
}

function detach(pool: GramWorkers, k: number): void {
  const memory = pool.attached[k];
  if (memory === undefined) return;
  const words = controlWords(memory, k);
  Atomics.store(words, CONTROL.sequence, -1);
  Atomics.notify(words, CONTROL.sequence);
  pool.attached[k] = undefined;
}

/** Waits until `accept(words[index])`; returns the value, or undefined after `timeout` ms. */
function waitUntil(
  words: Int32Array,
  index: number,
  accept: (value: number) => boolean,
  timeout: number,
): number | undefined {
  const deadline = performance.now() + timeout;
  for (;;) {
    const value = Atomics.load(words, index);
    if (accept(value)) return value;
    const left = deadline - performance.now();
    if (left <= 0) return undefined;
    Atomics.wait(words, index, value, left);
  }
}
