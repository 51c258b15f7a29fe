/**
 * Worker threads that claim chunks of XᵀWX (gram_share.ts) beside the calling thread,
 * synchronously: the caller writes the job into the control words, bumps each worker's
 * sequence number, claims chunks itself and waits on the answers with Atomics, so a fit
 * stays an ordinary function call. The workers attach to one design's memory at a time.
 */
import {
  CONTROL,
  controlWords,
  JOB,
  jobWords,
  MAX_CHUNKS,
  MAX_GRAM_WORKERS,
} from "./gram_control.ts";
import type { GramKernel } from "./gram_kernel.ts";
import { type GramJob, JOB_FIELDS, runClaimedChunks } from "./gram_share.ts";

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
 * Runs `job` over the panel chunks `bounds` (chunk k: bounds[k] ≤ P < bounds[k + 1]):
 * this thread and the workers claim chunks until none is left; returns once every chunk
 * is done.
 */
export function runGramJob(
  pool: GramWorkers | undefined,
  memory: WebAssembly.Memory,
  kernel: GramKernel,
  job: GramJob,
  bounds: number[],
): void {
  const chunks = bounds.length - 1;
  if (chunks > MAX_CHUNKS) {
    throw new RangeError(`Cannot run a Gram job of ${chunks} chunks: the most is ${MAX_CHUNKS}`);
  }
  const words = jobWords(memory);
  JOB_FIELDS.forEach((field, f) => words[JOB.fields + f] = job[field] | 0);
  bounds.forEach((bound, k) => words[JOB.bounds + k] = bound);
  words[JOB.chunks] = chunks;
  Atomics.store(words, JOB.next, 0);
  const helpers = pool?.workers.length ?? 0;
  for (let k = 0; k < helpers; k++) {
    const slot = attach(pool as GramWorkers, k, memory);
    const sequence = ++(pool as GramWorkers).sequences[k];
    Atomics.store(slot, CONTROL.sequence, sequence);
    Atomics.notify(slot, CONTROL.sequence);
  }
  runClaimedChunks(kernel, words);
  for (let k = 0; k < helpers; k++) {
    const slot = controlWords(memory, k);
    const sequence = (pool as GramWorkers).sequences[k];
    const done = waitUntil(
      slot,
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
