/**
 * The control words the calling thread and the Gram workers talk through, at the start
 * of the design's shared memory: one 64-byte slot per worker (its sequence number,
 * answer and readiness), then the job every thread claims chunks of panels from.
 */

/** Word offsets within a worker's slot. */
export const CONTROL = {
  /** Bumped by the caller to start a job; −1 detaches the worker. */
  sequence: 0,
  /** The finished job's sequence number (negated when it failed). */
  done: 1,
  /** 1 once the worker has attached. */
  ready: 2,
} as const;

/** Words per slot. */
export const SLOT_WORDS = 16;

/** Workers a design's memory has slots for. */
export const MAX_GRAM_WORKERS = 8;

/** Word offsets within the job: the claim counter, the chunk count, the share's fields. */
export const JOB = {
  /** The next chunk to claim (Atomics.add). */
  next: 0,
  chunks: 1,
  /** gram_share.ts JOB_FIELDS, from here. */
  fields: 2,
  /** The chunks' panel bounds (chunks + 1 of them), from here. */
  bounds: 16,
} as const;

/** Chunks a job may have. */
export const MAX_CHUNKS = 64;

const JOB_WORDS = JOB.bounds + MAX_CHUNKS + 1;

/** Bytes reserved at the start of a design's memory for the slots and the job. */
export const CONTROL_BYTES = Math.ceil((MAX_GRAM_WORKERS * SLOT_WORDS + JOB_WORDS) * 4 / 64) * 64;

/** Worker `slot`'s control words in `memory`. */
export function controlWords(memory: WebAssembly.Memory, slot: number): Int32Array {
  return new Int32Array(memory.buffer, slot * SLOT_WORDS * 4, SLOT_WORDS);
}

/** The job's words in `memory`. */
export function jobWords(memory: WebAssembly.Memory): Int32Array {
  return new Int32Array(memory.buffer, MAX_GRAM_WORKERS * SLOT_WORDS * 4, JOB_WORDS);
}
